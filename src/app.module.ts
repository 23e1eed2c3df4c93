import { DynamicModule, Module, ModuleMetadata, NestInterceptor } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditLogModule } from './audit-log';
import { AuthModule } from './auth';
import { AccessLoggingInterceptor, AuditTrailModule } from './audit-trail';
import { AppConfig, AppConfigModule } from './config';
import { DatabaseModule } from './database';
import { EventStoreModule } from './event-store';
import { HealthModule } from './health';
import { ConditionalGetInterceptor, HttpApiModule, IdempotencyInterceptor, InterceptorChain, RateLimitsModule } from './http';
import { LoggingModule } from './logging';
import { MetricsModule } from './metrics';
import { OffersModule } from './offers';
import { ParticipantsModule } from './participants';
import { PathwaysModule } from './pathways';
import { PROJECTIONS } from './projections';
import { ReadModelsModule } from './read-models';
import { StatisticsModule } from './statistics';
import { StatisticsPageModule } from './statistics-page';

/**
 * The whole service. Each context is a module of its own and imports what it uses; only
 * infrastructure (config, event store, database, metrics, read models) is global.
 */
@Module({})
export class AppModule {
  /**
   * `extraImports`: modules only a test adds, e.g. a controller that throws on purpose.
   * `followProjections`: the projections run in another thread or process (main.ts decides).
   */
  static forRoot(config: AppConfig, extraImports: ModuleMetadata['imports'] = [], followProjections = false): DynamicModule {
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
        ReadModelsModule.forRoot(PROJECTIONS, { follow: followProjections }),
        HealthModule,
        ParticipantsModule,
        OffersModule,
        PathwaysModule,
        StatisticsModule,
        StatisticsPageModule,
        AuditLogModule,
        AuditTrailModule,
        ...extraImports,
      ],
      providers: [
        {
          provide: APP_INTERCEPTOR,
          inject: [IdempotencyInterceptor, ConditionalGetInterceptor, AccessLoggingInterceptor],
          // Outermost first: a replayed Idempotency-Key answers before the others run, as when each was global on its own.
          useFactory: (...interceptors: NestInterceptor[]) => new InterceptorChain(interceptors),
        },
      ],
    };
  }
}
