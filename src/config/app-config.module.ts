import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config-variables';

/** Inject with `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Hands the configuration, validated before Nest starts, to every module. Validation stays
 * outside Nest so that a bad value ends the process with one line instead of a DI stack trace.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
