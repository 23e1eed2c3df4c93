import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, AppConfigModule } from './config';
import { DatabaseModule } from './database';
import { EventStoreModule } from './event-store';
import { HealthModule } from './health';
import { LoggingModule } from './logging';

/** The whole service. Each context is a module of its own; features add theirs to `imports`. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        CqrsModule.forRoot(),
        EventStoreModule,
        DatabaseModule,
        HealthModule,
      ],
    };
  }
}
