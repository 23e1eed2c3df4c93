import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { extname, join } from 'node:path';
import { pino } from 'pino';
import { AppConfig, loadConfig, ProcessModel, resolveProcessModel } from './config';
import { describeLocation } from './event-store';
import { exitOnStartupFailure, explainListenFailure, ProjectionThread, runClusterPrimary, shutDownGracefullyOnSignals } from './lifecycle';
import type { LotseApp } from './create-app';
import { NestPinoLogger } from './logging';
import { logDestination } from './logging/log-destination';
import { pinoOptions } from './logging/log-options';
import { FollowedProjections, isProjectionFeed, PROJECTIONS_VIEW } from './read-models';

/** The projection thread's entry beside this file: projection-thread.ts when run from source, .js when built. */
const PROJECTION_THREAD = join(__dirname, `projection-thread${extname(__filename)}`);

/** One HTTP process: the whole service alone (WEB_CONCURRENCY=1), or one of the cluster's. */
const serveHttp = async (config: AppConfig, model: ProcessModel): Promise<void> => {
  const inCluster = cluster.isWorker;
  const followed: { view?: FollowedProjections } = {};
  const feed = (message: unknown) => {
    if (isProjectionFeed(message)) followed.view?.receive(message);
  };
  // Alone with PROJECTIONS=worker, this process runs the thread itself; in a cluster the primary does.
  const thread = !inCluster && model.projections === 'worker' ? await ProjectionThread.start(PROJECTION_THREAD, feed) : undefined;
  if (inCluster) process.on('message', feed);
  let app: LotseApp | undefined;
  try {
    // Loaded here, not at the top: the cluster's primary never builds the application and need not hold its code.
    const { createApp } = await import('./create-app');
    app = await createApp(config, { followProjections: model.projections !== 'inline' });
    if (model.projections !== 'inline') followed.view = app.get<FollowedProjections>(PROJECTIONS_VIEW);
    shutDownGracefullyOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, async () => thread?.stop(config.SHUTDOWN_TIMEOUT_MS));
    // Every interface, as Node's own default (Fastify's would be localhost only, unreachable in a container).
    await app.listen(config.PORT, '::').catch((error: unknown) => {
      throw explainListenFailure(error, config.PORT);
    });
    const where = inCluster ? ` (one of ${model.webProcesses} HTTP processes)` : '';
    new Logger('Lotse').log(`listening on port ${config.PORT}${where}; events in ${describeLocation(config.EVENT_STORE_URL)}`);
  } catch (error) {
    // Whatever did open (an embedded database and its lock file) is closed before the process ends.
    await app?.close().catch(() => undefined);
    await thread?.stop(config.SHUTDOWN_TIMEOUT_MS).catch(() => undefined);
    throw error;
  }
};

const start = async (): Promise<void> => {
  const config = loadConfig(process.env);
  const model = resolveProcessModel(config);
  if (cluster.isPrimary && model.webProcesses > 1) {
    Logger.overrideLogger(new NestPinoLogger(pino(pinoOptions(config), logDestination())));
    await runClusterPrimary({
      workers: model.webProcesses,
      projectionThread: model.projections === 'worker' ? PROJECTION_THREAD : undefined,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    });
    return;
  }
  await serveHttp(config, model);
};

start().catch(exitOnStartupFailure);
