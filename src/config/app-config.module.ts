import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config-variables';
import { APP_CONFIG } from './config.tokens';

/**
 * Hands the configuration, validated before Nest starts, to every module. Validation stays
 * outside Nest so that a bad value ends the process with one line instead of a DI stack trace.
 * Global, as infrastructure: nearly every module reads some of it.
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
