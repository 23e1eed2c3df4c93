import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { LeaderElection } from '../leader-election';
import { isDuplicateKey } from './mongo-documents';
import type { LeaseEntry, MongoModels } from './mongo-models';

export type MongoLeaderElectionOptions = ({ connection: Connection } | { url: string; dbName?: string }) & {
  /** Who this runner is; a fresh one per election by default, as each process is someone else. */
  owner?: string;
  ttlMs?: number;
  /** Separates deployments (or test runs) sharing one database, so their projections do not exclude each other. */
  namespace?: string;
};

/**
 * Leases in `projection_leases`: a runner leads while its lease is unexpired, renews it every
 * third of its time to live, and a crashed runner's lease simply runs out. Expiry is judged by
 * each process's own clock, so the clocks must agree to well within the time to live.
 */
export class MongoLeaderElection implements LeaderElection {
  readonly owner: string;
  private readonly ttlMs: number;
  /** Lease key → when it runs out by this process's clock, measured from before the write that took or renewed it. */
  private readonly held = new Map<string, number>();
  private models?: Promise<MongoModels>;
  private renewal?: NodeJS.Timeout;
  private renewing = false;

  constructor(private readonly options: MongoLeaderElectionOptions) {
    this.owner = options.owner ?? randomUUID();
    this.ttlMs = options.ttlMs ?? 10_000;
  }

  async tryAcquire(name: string): Promise<boolean> {
    if (this.holds(name)) return true;
    const key = this.key(name);
    const leases = await this.leases();
    const now = Date.now();
    try {
      const lease = await leases
        .findOneAndUpdate(
          { _id: key, $or: [{ owner: this.owner }, { expiresAt: { $lt: new Date(now) } }] },
          { $set: { owner: this.owner, expiresAt: new Date(now + this.ttlMs) } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
      if (lease?.owner !== this.owner) return false;
    } catch (error) {
      // The lease is someone else's and unexpired, so the upsert tried to insert a second one.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    this.held.set(key, now + this.ttlMs);
    this.renewal ??= setInterval(() => void this.renew(), this.ttlMs / 3).unref();
    return true;
  }

  holds(name: string): boolean {
    return (this.held.get(this.key(name)) ?? 0) > Date.now();
  }

  async release(name: string): Promise<void> {
    const key = this.key(name);
    this.held.delete(key);
    // Deleted even when no longer held here: a lease whose renewal failed may still be ours in the database.
    if (!this.models) return;
    const leases = await this.leases().catch(() => undefined);
    await leases?.deleteOne({ _id: key, owner: this.owner }).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    this.renewal = undefined;
    const keys = [...this.held.keys()];
    this.held.clear();
    if (!this.models) return;
    const models = await this.models.catch(() => undefined);
    if (!models) return;
    await models.leases.deleteMany({ _id: { $in: keys }, owner: this.owner }).catch(() => undefined);
    if (!('connection' in this.options)) await models.connection.close();
  }

  /** A lease that could not be renewed is given up at once: `tryAcquire` takes it back if it is still ours. */
  private async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const leases = await this.leases().catch(() => undefined);
      if (!leases) {
        this.held.clear();
        return;
      }
      await Promise.all(
        [...this.held.keys()].map(async (key) => {
          const now = Date.now();
          const renewed = await leases.updateOne({ _id: key, owner: this.owner }, { $set: { expiresAt: new Date(now + this.ttlMs) } }).then(
            (result) => result.matchedCount > 0,
            () => false,
          );
          // Released meanwhile: leave it released.
          if (!this.held.has(key)) return;
          if (renewed) this.held.set(key, now + this.ttlMs);
          else this.held.delete(key);
        }),
      );
    } finally {
      this.renewing = false;
    }
  }

  private key(name: string): string {
    return this.options.namespace ? `${this.options.namespace}:${name}` : name;
  }

  private async leases(): Promise<Model<LeaseEntry>> {
    // A failed connect is forgotten, so the next call tries again.
    this.models ??= this.connect().catch((error: unknown) => {
      this.models = undefined;
      throw error;
    });
    return (await this.models).leases;
  }

  /** On first use, so that constructing an election opens nothing. */
  private async connect(): Promise<MongoModels> {
    const { connectMongo, MongoModels } = await import('./mongo-models');
    if ('connection' in this.options) return new MongoModels(this.options.connection);
    return connectMongo(this.options.url, this.options.dbName);
  }
}
