/**
 * Who may run a projection: at most one runner per projection across all processes. Behind this
 * interface so each engine uses what it has (a PostgreSQL advisory lock, later a MongoDB lease).
 * It is an efficiency measure, not the safety net: the checkpoint check in `applyBatch` is.
 */
export interface LeaderElection {
  /** Takes the lead for `name` when nobody holds it; true when this runner holds it now. */
  tryAcquire(name: string): Promise<boolean>;
  /** Still the leader? Turns false when the lead was lost (e.g. the lock's connection died). */
  holds(name: string): boolean;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

const heldInProcess = new Set<string>();

/**
 * PGlite lives in one process, so every runner of this process is the only possible leader;
 * the set only keeps two runners of the same process (tests, a double start) from both running.
 */
export class InProcessLeaderElection implements LeaderElection {
  private readonly mine = new Set<string>();

  constructor(private readonly namespace = 'default') {}

  async tryAcquire(name: string): Promise<boolean> {
    const key = `${this.namespace}:${name}`;
    if (this.mine.has(key)) return true;
    if (heldInProcess.has(key)) return false;
    heldInProcess.add(key);
    this.mine.add(key);
    return true;
  }

  holds(name: string): boolean {
    return this.mine.has(`${this.namespace}:${name}`);
  }

  async release(name: string): Promise<void> {
    const key = `${this.namespace}:${name}`;
    if (this.mine.delete(key)) heldInProcess.delete(key);
  }

  async close(): Promise<void> {
    for (const key of this.mine) heldInProcess.delete(key);
    this.mine.clear();
  }
}
