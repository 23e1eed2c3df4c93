/** One answer of a batch: each submitted item gets its own, a value or an error. */
export type ItemResult<Result> = { value: Result } | { error: unknown };

/**
 * Group commit for appends: while `maxInFlight` batches are being written, further items wait,
 * and the next free slot takes all of them (up to `maxBatch`) in one write. A single writer
 * therefore waits for nothing; many concurrent writers share round trips and commits.
 */
export class AppendBatcher<Item, Result> {
  private readonly queue: { item: Item; resolve: (value: Result) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: Item[]) => Promise<ItemResult<Result>[]>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const taken = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.write(taken.map((t) => t.item))
        .then(
          (results) =>
            taken.forEach((t, i) => {
              const result = results[i];
              if (result && 'value' in result) t.resolve(result.value);
              else t.reject(result ? result.error : new Error('the batch answered fewer items than it was given'));
            }),
          (error: unknown) => taken.forEach((t) => t.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.drain();
        });
    }
  }
}
