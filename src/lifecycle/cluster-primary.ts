import { Logger } from '@nestjs/common';
import cluster, { Worker } from 'node:cluster';
import { SHUTDOWN_MESSAGE, SHUTDOWN_SIGNALS } from './graceful-shutdown';
import { oneLineError } from './one-line-error';
import { ProjectionThread } from './projection-thread';

export interface ClusterOptions {
  /** HTTP processes to keep running (WEB_CONCURRENCY). */
  workers: number;
  /** The projection thread's entry file when the primary runs the projections (PROJECTIONS=worker). */
  projectionThread?: string;
  shutdownTimeoutMs: number;
}

/** A process that dies this soon after its start is restarted only after a pause: a crash loop must not spin. */
const QUICK_DEATH_MS = 10_000;
const RESTART_PAUSE_MS = 1_000;
/** Closing the stores is quick but not instant (as in graceful-shutdown.ts). */
const MIN_CLOSE_TIMEOUT_MS = 5_000;

const logger = new Logger('Cluster');

/**
 * The primary of WEB_CONCURRENCY > 1: serves no request itself. It runs the projection thread
 * (when asked) and relays its reports to every HTTP process, forks the HTTP processes — the first
 * alone, so that a start that cannot succeed (configuration, unreachable database) is told once
 * and ends the service, the others once it listens — and forks a new one for each that dies.
 * On SIGTERM or SIGINT it asks every HTTP process to shut down gracefully, waits for them (each
 * bounded by SHUTDOWN_TIMEOUT_MS), stops the projection thread and exits 0 (1 if one did not
 * exit cleanly).
 */
export const runClusterPrimary = async (options: ClusterOptions): Promise<void> => {
  let shuttingDown = false;
  const startedAt = new Map<Worker, number>();
  const relay = (message: unknown) => {
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send(message as object, (error: Error | null) => error && undefined);
    }
  };
  const thread = options.projectionThread ? await ProjectionThread.start(options.projectionThread, relay) : undefined;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    return worker;
  };

  const first = fork();
  const firstListens = await new Promise<boolean>((resolve) => {
    first.once('listening', () => resolve(true));
    first.once('exit', () => resolve(false));
  });
  if (!firstListens) {
    // It has said why on stderr already (one line); the service cannot start.
    await thread?.stop(options.shutdownTimeoutMs);
    process.exit(first.process.exitCode ?? 1);
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (shuttingDown) return;
    const pause = lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0;
    logger.warn(`HTTP process ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another in ${pause} ms`);
    setTimeout(() => !shuttingDown && fork(), pause);
  });
  for (let i = 1; i < options.workers; i += 1) fork();
  logger.log(`${options.workers} HTTP processes; projections ${thread ? 'on a worker thread of this primary' : 'not in this primary'}`);

  const shutDown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn(`${signal} again: ending every process without waiting`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal}: shutting down ${Object.keys(cluster.workers ?? {}).length} HTTP processes`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let clean = true;
    const exits = workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', (code) => {
            if (code !== 0) clean = false;
            resolve();
          });
          if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE, (error: Error | null) => error && worker.process.kill('SIGTERM'));
          else worker.process.kill('SIGTERM');
        }),
    );
    // Each process bounds its own drain and close; this only catches one that hangs beyond both.
    const deadline = setTimeout(
      () => {
        logger.error('an HTTP process did not stop in time; killing it');
        clean = false;
        for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
      },
      options.shutdownTimeoutMs + Math.max(options.shutdownTimeoutMs, MIN_CLOSE_TIMEOUT_MS) + 1_000,
    );
    await Promise.all(exits);
    clearTimeout(deadline);
    await thread?.stop(Math.max(options.shutdownTimeoutMs, MIN_CLOSE_TIMEOUT_MS)).catch((error: unknown) => {
      logger.error(`stopping the projection thread: ${oneLineError(error)}`);
      clean = false;
    });
    logger.log('stopped');
    process.exit(clean ? 0 : 1);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, (received: NodeJS.Signals) => void shutDown(received));
};
