import type { Connection, Model } from 'mongoose';
import { isDuplicateKey, plainSchema, sideModel } from '../../database/mongo-side-store';
import { IdempotencyRecord, IdempotencyRecords, StoredResponse } from './idempotency-store';

interface IdempotencyEntry {
  subject: string;
  key: string;
  fingerprint: string;
  status: 'pending' | 'completed';
  /**
   * The stored answer as JSON text: a body may be a top-level array or null, or hold keys that
   * BSON treats specially (`$…`, dots); as text it comes back byte for byte.
   */
  response?: string;
  createdAt: Date;
  completedAt?: Date;
}

const entrySchema = plainSchema<IdempotencyEntry>({
  subject: String,
  key: String,
  fingerprint: String,
  status: String,
  response: String,
  createdAt: Date,
  completedAt: Date,
});
// The unique index is the lock, as the primary key is on SQL: of two inserts exactly one succeeds.
entrySchema.index({ subject: 1, key: 1 }, { unique: true });
entrySchema.index({ createdAt: 1 });

/**
 * Idempotency records in the side-store MongoDB. Every operation is one single-document write,
 * which MongoDB applies atomically, so the claim protocol needs no transaction. Times come from
 * the app's clock (MongoDB cannot set a field to the server's time on insert): instances' clocks
 * must agree within seconds (NTP), which the one-minute abandonment window tolerates.
 */
export class MongoIdempotencyRecords implements IdempotencyRecords {
  private readonly entries: Model<IdempotencyEntry>;

  constructor(connection: Connection) {
    this.entries = sideModel(connection, 'idempotency_keys', entrySchema);
  }

  async init(): Promise<void> {
    // Creating an index that exists with the same options is a no-op, also when two instances do it at once.
    await this.entries.createIndexes();
  }

  async insertPending(subject: string, key: string, fingerprint: string): Promise<boolean> {
    try {
      await this.entries.create({ subject, key, fingerprint, status: 'pending', createdAt: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async takeOverAbandoned(subject: string, key: string, fingerprint: string, olderThanMs: number): Promise<boolean> {
    const now = Date.now();
    const { modifiedCount } = await this.entries.updateOne(
      { subject, key, fingerprint, status: 'pending', createdAt: { $lt: new Date(now - olderThanMs) } },
      { $set: { createdAt: new Date(now) } },
    );
    return modifiedCount > 0;
  }

  async find(subject: string, key: string): Promise<IdempotencyRecord | undefined> {
    const entry = await this.entries.findOne({ subject, key }).lean();
    if (!entry) return undefined;
    return entry.status === 'completed' && entry.response !== undefined
      ? { fingerprint: entry.fingerprint, response: JSON.parse(entry.response) as StoredResponse }
      : { fingerprint: entry.fingerprint };
  }

  async complete(subject: string, key: string, response: StoredResponse): Promise<void> {
    await this.entries.updateOne(
      { subject, key },
      {
        $set: {
          status: 'completed',
          completedAt: new Date(),
          response: JSON.stringify({ status: response.status, headers: response.headers, body: response.body ?? null }),
        },
      },
    );
  }

  async release(subject: string, key: string): Promise<void> {
    await this.entries.deleteOne({ subject, key, status: 'pending' });
  }

  async purgeOlderThan(ms: number): Promise<void> {
    await this.entries.deleteMany({ createdAt: { $lt: new Date(Date.now() - ms) } });
  }
}
