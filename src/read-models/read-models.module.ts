import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore, SqlDriver } from '@lotse/event-store';
import { Projection, ProjectionRunner } from '@lotse/projections';
import { Registry } from 'prom-client';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from '../database';
import { AdminProjectionsController } from './admin-projections.controller';
import { openReadModels, ReadModelBackend } from './open-read-models';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionRebuilds } from './projection-rebuilds';
import { ProjectionsHealthIndicator } from './projections.health-indicator';
import { ReadModels } from './read-models.service';
import {
  ALL_PROJECTIONS,
  APPLICATION_PROJECTIONS,
  EXTRA_PROJECTIONS,
  FOLLOWS_PROJECTIONS,
  PROJECTIONS_VIEW,
  READ_MODEL_BACKEND,
  READ_MODEL_STORE,
} from './read-models.tokens';
import { FollowedProjections } from './followed-projections';
import { ProjectionsHere } from './projections-view';

const logger = new Logger('Projections');

/**
 * The read models: where they live (READ_MODEL_URL), the runner that feeds them from the log,
 * reads with `minPosition`, metrics, health and the admin rebuild. The runner starts once the
 * application is up and stops before the stores close.
 *
 * Global, as infrastructure: every context's queries read through the one ReadModels of the
 * process, and one runner must feed all read models. The contexts hand in their projections
 * through `forRoot`, so this module depends on none of them.
 */
@Module({
  imports: [TerminusModule],
  controllers: [AdminProjectionsController],
  providers: [
    {
      provide: READ_MODEL_BACKEND,
      inject: [APP_CONFIG, SQL_DRIVER],
      useFactory: (config: AppConfig, sideTables: SqlDriver | undefined) =>
        openReadModels(config.READ_MODEL_URL, config.EVENT_STORE_URL, sideTables),
    },
    { provide: READ_MODEL_STORE, inject: [READ_MODEL_BACKEND], useFactory: (backend: ReadModelBackend) => backend.readModels },
    {
      provide: ALL_PROJECTIONS,
      inject: [APPLICATION_PROJECTIONS, { token: EXTRA_PROJECTIONS, optional: true }],
      useFactory: (projections: readonly Projection[], extra?: readonly Projection[]) => [...projections, ...(extra ?? [])],
    },
    { provide: ProjectionMetrics, inject: [Registry], useFactory: (registry: Registry) => new ProjectionMetrics(registry) },
    {
      provide: PROJECTIONS_VIEW,
      inject: [EVENT_STORE, READ_MODEL_BACKEND, ALL_PROJECTIONS, ProjectionMetrics, FOLLOWS_PROJECTIONS],
      useFactory: (
        store: EventStore,
        backend: ReadModelBackend,
        projections: readonly Projection[],
        metrics: ProjectionMetrics,
        follows: boolean,
      ): ProjectionsHere => {
        if (follows) {
          const followed = new FollowedProjections(projections, backend.readModels, backend.logOrder, (name, seconds) =>
            metrics.observeLags(name, seconds),
          );
          metrics.watch(followed, backend.logOrder);
          return followed;
        }
        const runner = new ProjectionRunner({
          store,
          readModels: backend.readModels,
          election: backend.election,
          logOrder: backend.logOrder,
          projections,
          logger: { error: (m) => logger.error(m), warn: (m) => logger.warn(m) },
          onApplied: (name, events) => metrics.observe(name, events),
        });
        metrics.watch(runner, backend.logOrder);
        return runner;
      },
    },
    ReadModels,
    ProjectionRebuilds,
    ProjectionsHealthIndicator,
  ],
  exports: [ReadModels, ProjectionsHealthIndicator, READ_MODEL_STORE, PROJECTIONS_VIEW],
})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  /** `follow`: the projections run in another thread or process (PROJECTIONS=worker or off); this one only reads. */
  static forRoot(projections: readonly Projection[], options: { follow?: boolean } = {}): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      providers: [
        { provide: APPLICATION_PROJECTIONS, useValue: projections },
        { provide: FOLLOWS_PROJECTIONS, useValue: options.follow ?? false },
      ],
      // The audit tree follows the log where the projections run: the audit log asks where that is.
      exports: [FOLLOWS_PROJECTIONS],
    };
  }

  constructor(
    @Inject(PROJECTIONS_VIEW) private readonly runner: ProjectionsHere,
    private readonly rebuilds: ProjectionRebuilds,
    @Inject(READ_MODEL_BACKEND) private readonly backend: ReadModelBackend,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Before any store closes: no batch is cut off half-way (it would be rolled back and read again anyway). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.rebuilds.stop();
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.readModels.close();
  }
}
