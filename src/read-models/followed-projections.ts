import type { LogOrder, Projection, ProjectionStatus, ReadModelStore } from '@lotse/projections';
import type { ProjectionFeed } from './projection-feed';
import type { ProjectionsView } from './projections-view';

/** How often a `minPosition` read looks at the stored checkpoint while it waits. */
const FOLLOW_MS = 25;
/** Without a feed for this long, the states come from the stored checkpoints instead. */
const FEED_STALE_MS = 2_000;
/** How often the stored checkpoints are read when no feed arrives (PROJECTIONS=off). */
const POLL_MS = 500;

/**
 * The projections as seen from an HTTP process that does not run them (PROJECTIONS=worker or
 * off): the runner's own feed when one arrives (states, positions, lags), else the stored
 * checkpoints, shown as `waiting` (another process leads). Reads with `minPosition` wait on the
 * stored checkpoint, which is what the read model's transaction committed with.
 */
export class FollowedProjections implements ProjectionsView {
  private readonly statuses = new Map<string, ProjectionStatus>();
  private readonly waiters = new Set<() => void>();
  private fedAt = 0;
  private poller?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly projections: readonly Projection[],
    private readonly readModels: ReadModelStore,
    private readonly logOrder: LogOrder,
    private readonly onLags: (projection: string, seconds: readonly number[]) => void,
  ) {
    for (const { name } of projections) this.statuses.set(name, { name, position: 0, state: 'waiting' });
  }

  async start(): Promise<void> {
    // The tables exist before the first read, whichever process feeds them (create if missing).
    for (const projection of this.projections) await this.readModels.init(projection);
    await this.poll();
    this.poller = setInterval(() => void this.poll(), POLL_MS);
    this.poller.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    this.wake();
  }

  receive(feed: ProjectionFeed): void {
    this.fedAt = Date.now();
    for (const status of feed.statuses) if (this.statuses.has(status.name)) this.statuses.set(status.name, { ...status });
    for (const [name, seconds] of Object.entries(feed.lags)) this.onLags(name, seconds);
    this.wake();
  }

  status(): ProjectionStatus[] {
    return [...this.statuses.values()].map((s) => ({ ...s }));
  }

  positionOf(name: string): number {
    return this.known(name).position;
  }

  async waitFor(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.passed(name, position)) return true;
      if (Date.now() >= deadline || this.stopped) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, Math.min(FOLLOW_MS, deadline - Date.now())));
        this.waiters.add(done);
      });
    }
  }

  private async passed(name: string, position: number): Promise<boolean> {
    const fed = this.known(name).position;
    if (fed === position || (fed > 0 && (await this.logOrder.hasPassed(position, fed)))) return true;
    const stored = await this.readModels.checkpoint(name).catch(() => 0);
    return stored === position || (stored > 0 && (await this.logOrder.hasPassed(position, stored)));
  }

  private async poll(): Promise<void> {
    if (Date.now() - this.fedAt < FEED_STALE_MS) return;
    for (const { name } of this.projections) {
      const position = await this.readModels.checkpoint(name).catch(() => undefined);
      if (position !== undefined && Date.now() - this.fedAt >= FEED_STALE_MS) this.statuses.set(name, { name, position, state: 'waiting' });
    }
  }

  private known(name: string): ProjectionStatus {
    const status = this.statuses.get(name);
    if (!status) throw new Error(`no projection named ${name}`);
    return status;
  }

  private wake(): void {
    for (const wake of this.waiters) wake();
  }
}
