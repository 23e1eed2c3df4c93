import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { oneLineError } from './one-line-error';
import { sizeProjectionThreadHeap } from './projection-thread-heap';

export const PROJECTION_THREAD_READY = 'lotse:projection-thread-ready';
export const PROJECTION_THREAD_STOP = 'lotse:projection-thread-stop';
export const PROJECTION_THREAD_STOPPED = 'lotse:projection-thread-stopped';

/** After a crash, how long before the thread is started again (a crash loop must not spin). */
const RESTART_MS = 1_000;

const logger = new Logger('ProjectionThread');

/**
 * Runs `entry` (src/projection-thread.ts, or its build) on a worker thread and hands each of its
 * messages to `onMessage`. Resolves once the thread runs its projections, rejects when it fails
 * to start; a thread that dies later is started again after a second. `stop` lets it finish its
 * batch and close its stores.
 */
export class ProjectionThread {
  private worker?: Worker;
  private stopping = false;

  private constructor(
    private readonly entry: string,
    private readonly onMessage: (message: unknown) => void,
  ) {}

  static async start(entry: string, onMessage: (message: unknown) => void): Promise<ProjectionThread> {
    const thread = new ProjectionThread(entry, onMessage);
    await thread.spawn();
    return thread;
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage(PROJECTION_THREAD_STOP);
    const cut = setTimeout(() => void worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(cut);
  }

  private spawn(): Promise<void> {
    // A .ts entry (development, tests) needs the TypeScript loader in the thread as well.
    const loader = this.entry.endsWith('.ts') ? "require('@swc-node/register');" : '';
    sizeProjectionThreadHeap();
    const worker = new Worker(`${loader}require(${JSON.stringify(this.entry)});`, { eval: true });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: unknown) => {
        if (message === PROJECTION_THREAD_READY) {
          ready = true;
          resolve();
        } else this.onMessage(message);
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
        else logger.error(`the projection thread failed: ${oneLineError(error)}`);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`the projection thread exited with code ${code} before it started`));
        if (this.stopping || !ready) return;
        logger.error(`the projection thread exited with code ${code}; starting it again in ${RESTART_MS} ms`);
        setTimeout(() => {
          if (!this.stopping)
            this.spawn().catch((error: unknown) => logger.error(`restarting the projection thread: ${oneLineError(error)}`));
        }, RESTART_MS);
      });
    });
  }
}
