import type { StoredEvent } from '@lotse/event-store';

/**
 * A batch with no event the projection handles changes no document: its checkpoint is stored only
 * when this long has passed since the last one was, or when the log goes quiet for this long, so a
 * projection does not pay a transaction for every batch of other projections' events. A runner
 * that stops meanwhile leaves the checkpoint before them, and the next one reads them again and
 * changes nothing. Readers in this process (and the HTTP processes it feeds) see the position in
 * memory; readers that follow the stored checkpoint from elsewhere see it at most this much later.
 */
export const CHECKPOINT_AT_LEAST_EVERY_MS = 250;

/** A projection's stored checkpoint, and the batch it has put off storing (see CHECKPOINT_AT_LEAST_EVERY_MS). */
export class DeferredCheckpoint {
  /** The last batch passed over without a transaction, until the checkpoint is stored again. */
  unstored?: readonly StoredEvent[];
  private storedAt: number;

  constructor(
    /** The checkpoint as stored; the runner's position runs ahead of it over the batches put off. */
    public stored: number,
    private readonly handled: ReadonlySet<string>,
    private readonly everyMs = CHECKPOINT_AT_LEAST_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.storedAt = now();
  }

  /** Whether `batch` may move the checkpoint in memory only; if so, it is the one to store later. */
  defers(batch: readonly StoredEvent[]): boolean {
    if (batch.some((e) => this.handled.has(e.type)) || this.now() - this.storedAt >= this.everyMs) return false;
    this.unstored = batch;
    return true;
  }

  /** The checkpoint was stored at `position` (or, with nothing put off, stays where it is) just now. */
  storedAs(position = this.stored): void {
    this.stored = position;
    this.storedAt = this.now();
    this.unstored = undefined;
  }
}
