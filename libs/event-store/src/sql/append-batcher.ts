import { performance } from 'node:perf_hooks';

/** One answer of a batch: each submitted item gets its own, a value or an error. */
export type ItemResult<Result> = { value: Result } | { error: unknown };

/** Told after each write: how long each of its items waited in the queue, how long the write took (ms), and how many items it answered with an error. */
export type BatchTimer = (queuedMs: number[], writeMs: number, failed: number) => void;

/**
 * Group commit for appends: items submitted in the same turn of the event loop go out together in
 * the next turn, and while `maxInFlight` batches are being written further items wait; the next
 * free slot takes all of them (up to `maxBatch`) in one write. A single writer waits for one turn;
 * many concurrent writers share round trips and commits — the writers a finished write answers
 * submit their next items together instead of the first of them going out alone.
 */
export class AppendBatcher<Item, Result> {
  private readonly queue: { item: Item; submittedAt: number; resolve: (value: Result) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<ItemResult<Result>[]>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
    private readonly timer?: BatchTimer,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, submittedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Drains on the next turn: by then every item the current turn submits has joined the queue. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const taken = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      const startedAt = performance.now();
      const timed = (failed: number) =>
        this.timer?.(
          taken.map((t) => startedAt - t.submittedAt),
          performance.now() - startedAt,
          failed,
        );
      this.write(taken.map((t) => t.item))
        .then(
          (results) => {
            timed(results.filter((r) => !('value' in r)).length + Math.max(0, taken.length - results.length));
            taken.forEach((t, i) => {
              const result = results[i];
              if (result && 'value' in result) t.resolve(result.value);
              else t.reject(result ? result.error : new Error('the batch answered fewer items than it was given'));
            });
          },
          (error: unknown) => {
            timed(taken.length);
            taken.forEach((t) => t.reject(error));
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
    }
  }
}
