import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth';
import { AppConfig, AppConfigModule } from './config';
import { DatabaseModule } from './database';
import { EventStoreModule } from './event-store';
import { GuardModule } from './guard';
import { HealthModule } from './health';
import { HttpApiModule, RateLimitsModule } from './http';
import { DuplicatesModule } from './duplicates';
import { EventSourcingModule } from './event-sourcing';
import { LoggingModule } from './logging';
import { MetricsModule } from './metrics';
import { ParticipantsModule } from './participants';
import { PathwaysModule } from './pathways';
import { PersonalDataModule } from './personal-data';
import { ReadModelsModule } from './read-models';

/** The whole service. Each context is a module of its own; features add theirs to `imports`. */
@Module({})
export class AppModule {
  /** `extraImports`: modules only a test adds, e.g. a controller that throws on purpose. */
  static forRoot(config: AppConfig, extraImports: ModuleMetadata['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        AuthModule,
        CqrsModule.forRoot(),
        EventStoreModule,
        DatabaseModule,
        HttpApiModule,
        RateLimitsModule,
        MetricsModule,
        ReadModelsModule,
        HealthModule,
        EventSourcingModule,
        PersonalDataModule,
        GuardModule,
        DuplicatesModule,
        ParticipantsModule,
        PathwaysModule,
        ...extraImports,
      ],
    };
  }
}
