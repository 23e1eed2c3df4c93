import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HashedBatch } from './batch-leaves';
import type { HashJob } from './chain-hash-thread';
import { threadBootstrap, threadExecArgv } from './thread-bootstrap';

/** The thread's entry beside this file: chain-hash-thread.ts when run from source, .js when built. */
const ENTRY = join(__dirname, `chain-hash-thread${extname(__filename)}`);

interface Waiting {
  resolve: (hashed: HashedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that recompute chain hashes and Merkle leaves while the caller reads the next
 * rows: canonicalising and hashing are most of a full verification's work and need nothing but
 * the rows' bytes or text. Batches
 * go round-robin; each answer settles the promise of its batch, so the caller consumes them in log
 * order whatever thread finishes first.
 */
export class ChainHashPool {
  private next = 0;
  private id = 0;
  private readonly waiting = new Map<number, Waiting>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', ({ id, hashed }: { id: number; hashed: HashedBatch }) => {
        this.waiting.get(id)?.resolve(hashed);
        this.waiting.delete(id);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => this.failAll(new Error(`a chain-hash thread exited with code ${code}`)));
    }
  }

  /**
   * A thread per core beside the reading thread, at least one, at most `max`: the reading thread and
   * PostgreSQL's backend keep a core busy between them, and on two cores one hashing thread measured
   * less CPU per event than two (1,000,000 events, two rounds alternating on a loaded machine: 11.2 and
   * 13.8 µs in this process against 15.2 and 15.7 µs; 44k and 56k events/s against 34k and 49k).
   */
  static start(max = 4): ChainHashPool {
    const size = Math.max(1, Math.min(max, availableParallelism() - 1));
    const bootstrap = threadBootstrap(ENTRY);
    const execArgv = threadExecArgv(process.execArgv);
    return new ChainHashPool(Array.from({ length: size }, () => new Worker(bootstrap, { eval: true, execArgv })));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Hashes a batch on the next thread (see chain-hash-thread.ts); `transfer`: buffers of the job it gives away. */
  hash(job: HashJob, transfer: readonly ArrayBuffer[] = []): Promise<HashedBatch> {
    const id = (this.id += 1);
    const worker = this.workers[this.next];
    this.next = (this.next + 1) % this.workers.length;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, job }, [...transfer]);
    });
  }

  async close(): Promise<void> {
    this.workers.forEach((w) => w.removeAllListeners('exit'));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll(new Error('the chain-hash pool was closed'));
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
