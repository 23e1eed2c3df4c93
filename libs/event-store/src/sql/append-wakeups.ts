/**
 * Wakes the subscriptions that wait for appends, so that a caught-up subscription need not poll
 * often to see this process's appends soon. Counting the wake-ups closes the gap between a
 * subscription's empty read and its wait: an append in between makes the wait end at once.
 */
export class AppendWakeups {
  private readonly waiters = new Set<() => void>();
  private wakeups = 0;

  /** How many wake-ups so far; hand it to `wait` to hear of those that come after it. */
  get count(): number {
    return this.wakeups;
  }

  wake(): void {
    this.wakeups += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves after `ms`, at the next wake-up or abort, or at once if a wake-up came after `seen`. */
  wait(ms: number, seen = this.wakeups, signal?: AbortSignal): Promise<void> {
    if (seen !== this.wakeups || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
