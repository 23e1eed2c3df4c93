/**
 * The projection runner on a thread of its own (PROJECTIONS=worker): started by main.ts, or by the
 * cluster's primary, so that no request thread ever folds events into a read model. It opens its
 * own connections to the event store and the read models, runs every projection of the service
 * (one leader per projection across all processes, as ever) and the audit tree's follower (one
 * leader likewise), and reports to its parent a few times a second: states, positions and the lag
 * of each event applied. 'stop' from the parent ends it after the current batch, with its stores closed.
 *
 * Imported file by file, not through the modules' index.ts: the thread needs no Nest application.
 */
import { parentPort } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { EventStore, SqlDriver } from '@lotse/event-store';
import { ProjectionRunner } from '@lotse/projections';
import { pino } from 'pino';
import { loadConfig } from './config/load-config';
import { mongoSideStoreUrl } from './database/open-side-store';
import { openSqlDriver } from './database/open-sql-driver';
import { openEventStore } from './event-store/open-event-store';
import { logDestination } from './logging/log-destination';
import { NestPinoLogger } from './logging/nest-pino-logger';
import { pinoOptions } from './logging/log-options';
import { oneLineError } from './lifecycle/one-line-error';
import { openTreeFollower } from './audit-log/tree/open-tree-follower';
import type { TreeFollower } from './audit-log/tree/tree-follower';
import { PROJECTIONS } from './projections';
import { openReadModels, ReadModelBackend } from './read-models/open-read-models';
import type { ProjectionFeed } from './read-models/projection-feed';
import { PROJECTION_THREAD_READY, PROJECTION_THREAD_STOP, PROJECTION_THREAD_STOPPED } from './lifecycle/projection-thread';

/** Often enough that /health and /metrics in the HTTP processes are current; rarely enough to cost nothing. */
const FEED_MS = 100;

const run = async (): Promise<void> => {
  const port = parentPort;
  if (!port) throw new Error('projection-thread.ts runs as a worker thread only');
  const config = loadConfig(process.env);
  Logger.overrideLogger(
    new NestPinoLogger(pino({ ...pinoOptions(config), base: { pid: process.pid, thread: 'projections' } }, logDestination())),
  );
  const logger = new Logger('Projections');

  let store: EventStore | undefined;
  let sideTables: SqlDriver | undefined;
  let backend: ReadModelBackend | undefined;
  let runner: ProjectionRunner | undefined;
  let treeFollower: TreeFollower | undefined;
  const lags: Record<string, number[]> = {};
  const feed = () => {
    if (!runner) return;
    const message: ProjectionFeed = { kind: 'lotse:projection-feed', statuses: runner.status(), lags: { ...lags } };
    for (const name of Object.keys(lags)) delete lags[name];
    port.postMessage(message);
  };
  const close = async () => {
    await treeFollower?.stop().catch((error: unknown) => logger.error(`stopping the audit tree: ${oneLineError(error)}`));
    await runner?.stop().catch((error: unknown) => logger.error(`stopping the runner: ${oneLineError(error)}`));
    feed();
    await backend?.readModels.close().catch(() => undefined);
    await sideTables?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
  };
  // Feeds nothing until the runner exists.
  const timer = setInterval(feed, FEED_MS);
  port.on('message', (message: unknown) => {
    if (message !== PROJECTION_THREAD_STOP) return;
    clearInterval(timer);
    void close().finally(() => {
      port.postMessage(PROJECTION_THREAD_STOPPED);
      port.close();
    });
  });

  try {
    store = await openEventStore(config.EVENT_STORE_URL, config.STARTUP_TIMEOUT_MS);
    if (!mongoSideStoreUrl(config.EVENT_STORE_URL, config.READ_MODEL_URL))
      sideTables = await openSqlDriver(config.EVENT_STORE_URL, config.DATA_DIR);
    backend = await openReadModels(config.READ_MODEL_URL, config.EVENT_STORE_URL, sideTables);
    runner = new ProjectionRunner({
      store,
      readModels: backend.readModels,
      election: backend.election,
      logOrder: backend.logOrder,
      projections: PROJECTIONS,
      logger: { error: (m) => logger.error(m), warn: (m) => logger.warn(m) },
      onApplied: (name, events) => {
        const now = Date.now();
        const list = (lags[name] ??= []);
        for (const event of events) list.push(Math.max(0, now - Date.parse(event.recordedAt)) / 1000);
      },
    });
    await runner.start();
    treeFollower = await openTreeFollower(config, store, sideTables);
    treeFollower?.start();
  } catch (error) {
    clearInterval(timer);
    await close();
    throw error;
  }
  feed();
  port.postMessage(PROJECTION_THREAD_READY);
  logger.log(`running ${PROJECTIONS.map((p) => p.name).join(', ')}${treeFollower ? ' and the audit tree' : ''} on a worker thread`);
};

run().catch((error: unknown) => {
  // The parent logs it and decides (a failed start stops the service; a crash later is restarted).
  throw error instanceof Error ? error : new Error(String(error));
});
