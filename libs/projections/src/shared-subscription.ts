import type { EventStore, StoredEvent } from '@lotse/event-store';

export interface SharedSubscriptionOptions {
  signal: AbortSignal;
  batchSize?: number;
  /** Events kept after every follower has passed them, so that one reading on its own can find its place and join. */
  keep?: number;
  /** Events held at most: a follower that falls further behind the head goes back to reading on its own. */
  max?: number;
}

interface Follower {
  /** Index (since the source started) of the next event it gets. */
  next: number;
  /** Left behind by more than `max` events: it reads on its own again. */
  dropped: boolean;
}

const KEEP = 1_000;
const MAX = 5_000;
const DROPPED = Symbol('dropped');

/**
 * One read of the log for every projection of a runner. Each following the log on its own read
 * each event once per projection: a round trip per projection and poll, and every row parsed
 * again — most of the projection thread's work under a steady write load. Followers at the same
 * place share one subscription and the events it read; a follower elsewhere (behind after a
 * restart, a rebuild or a lost lead) reads on its own until it reaches an event the shared one
 * still holds, and joins there. Both read the same log in the same order, so the events after
 * that one are the same either way.
 */
export class SharedSubscription {
  private source?: AsyncIterator<StoredEvent>;
  /** The position the source started after (0: the start of the log). */
  private startedAfter = 0;
  private held: StoredEvent[] = [];
  /** Index (since the source started) of `held[0]`. */
  private offset = 0;
  private readonly indexOf = new Map<number, number>();
  private readonly followers = new Set<Follower>();
  private pulling?: Promise<boolean>;

  constructor(
    private readonly store: EventStore,
    private readonly options: SharedSubscriptionOptions,
  ) {}

  /** The log after `fromPosition` (exclusive), as `EventStore.subscribeAll` gives it. */
  async *follow(fromPosition: number): AsyncGenerator<StoredEvent> {
    let position = fromPosition;
    while (!this.options.signal.aborted) {
      const follower = this.join(position);
      if (follower) {
        try {
          for (;;) {
            const event = await this.nextFor(follower);
            if (event === DROPPED) break;
            if (event === undefined) return;
            position = event.globalPosition;
            yield event;
          }
        } finally {
          this.leave(follower);
        }
        continue;
      }
      const own = this.store.subscribeAll({ fromPosition: position, signal: this.options.signal, batchSize: this.options.batchSize });
      let rejoin = false;
      for await (const event of own) {
        position = event.globalPosition;
        yield event;
        // The shared source holds this event (or there is none left to join): continue from there.
        if (this.holds(position) || !this.source) {
          rejoin = true;
          break;
        }
      }
      if (!rejoin) return;
    }
  }

  /** A follower from `position`: the shared source's, started there if there is none; undefined when the source is elsewhere. */
  private join(position: number): Follower | undefined {
    if (!this.source) {
      const source = this.store.subscribeAll({ fromPosition: position, signal: this.options.signal, batchSize: this.options.batchSize });
      this.source = source[Symbol.asyncIterator]();
      this.startedAfter = position;
      this.held = [];
      this.offset = 0;
      this.indexOf.clear();
    }
    const next = this.nextAfter(position);
    if (next === undefined) return undefined;
    const follower: Follower = { next, dropped: false };
    this.followers.add(follower);
    return follower;
  }

  private holds(position: number): boolean {
    return this.nextAfter(position) !== undefined;
  }

  /** The index of the event after `position` if the source holds it and it is not so far behind that the follower would be dropped. */
  private nextAfter(position: number): number | undefined {
    const next = this.offset === 0 && position === this.startedAfter ? 0 : (this.indexOf.get(position) ?? -2) + 1;
    return next >= 0 && this.offset + this.held.length - next <= (this.options.max ?? MAX) ? next : undefined;
  }

  private leave(follower: Follower): void {
    this.followers.delete(follower);
    if (this.followers.size > 0) return this.trim();
    // Nobody reads it: a source left standing would fall behind and be joined by nobody.
    void this.source?.return?.().catch(() => undefined);
    this.source = undefined;
    this.pulling = undefined;
    this.held = [];
    this.indexOf.clear();
  }

  private async nextFor(follower: Follower): Promise<StoredEvent | undefined | typeof DROPPED> {
    for (;;) {
      if (follower.dropped) return DROPPED;
      const at = follower.next - this.offset;
      if (at < this.held.length) {
        const event = this.held[at];
        follower.next += 1;
        this.trim();
        return event;
      }
      if (!(await this.pull())) return undefined;
    }
  }

  /** The source's next event into `held`, one read for every follower waiting; false when the source ended. */
  private pull(): Promise<boolean> {
    const source = this.source;
    if (!source) return Promise.resolve(false);
    this.pulling ??= source.next().then(
      (result) => {
        if (this.source === source) this.pulling = undefined;
        if (result.done) return false;
        if (this.source === source) {
          this.indexOf.set(result.value.globalPosition, this.offset + this.held.length);
          this.held.push(result.value);
        }
        return true;
      },
      (error: unknown) => {
        // A failed source is started again by the next follower that joins.
        if (this.source === source) {
          this.source = undefined;
          this.pulling = undefined;
        }
        throw error;
      },
    );
    return this.pulling;
  }

  /** Forgets what every follower has passed, keeping `keep` events to join at; drops followers more than `max` behind. */
  private trim(): void {
    const head = this.offset + this.held.length;
    const max = this.options.max ?? MAX;
    let slowest = head;
    for (const f of this.followers) {
      if (head - f.next > max) {
        f.dropped = true;
        this.followers.delete(f);
      } else slowest = Math.min(slowest, f.next);
    }
    const until = Math.min(slowest, head - (this.options.keep ?? KEEP)) - this.offset;
    // In chunks, so that each event is not followed by a copy of the whole array.
    if (until < 256) return;
    for (const event of this.held.slice(0, until)) this.indexOf.delete(event.globalPosition);
    this.held = this.held.slice(until);
    this.offset += until;
  }
}
