import type { Connection, Model } from 'mongoose';
import { plainSchema, retryOnDuplicateKey, sideModel } from '../database/mongo-side-store';
import { KeyStore } from './key-store';

interface KeyEntry {
  _id: string;
  /** Absent once destroyed: the document stays so that the erasure itself is remembered. */
  wrappedKey?: string;
  createdAt: Date;
  destroyedAt?: Date;
}

const keySchema = plainSchema<KeyEntry>({ _id: String, wrappedKey: String, createdAt: Date, destroyedAt: Date });

/**
 * Keys as one document per participant in the side-store MongoDB.
 *
 * Destroying unsets the field in place. WiredTiger keeps no old versions for readers the way
 * PostgreSQL's MVCC does (hence no VACUUM here): the previous version lives only as long as a
 * snapshot still open may need it (minutes at most) and its disk pages are reused afterwards.
 * What does outlive the erasure: on a replica set the insert that stored the key stays in the
 * oplog until the oplog wraps around (its size, or oplogMinRetentionHours), the journal holds it
 * until the next checkpoint (about a minute), and every backup taken before keeps it. Those
 * copies are still wrapped by LOTSE_MASTER_KEY, so the erasure is final once the oplog has
 * rolled past it and old backups are expired; the operations manual has to size both accordingly.
 */
export class MongoKeyStore implements KeyStore {
  private readonly keys: Model<KeyEntry>;

  constructor(connection: Connection) {
    this.keys = sideModel(connection, 'participant_keys', keySchema);
  }

  /** Only the `_id` index, which every collection has. */
  async init(): Promise<void> {}

  async putIfAbsent(participantId: string, wrappedKey: string): Promise<string> {
    await retryOnDuplicateKey(() =>
      this.keys.updateOne({ _id: participantId }, { $setOnInsert: { wrappedKey, createdAt: new Date() } }, { upsert: true }),
    );
    const stored = await this.get(participantId);
    if (stored === undefined || stored === 'erased') throw new Error(`the key of ${participantId} has been destroyed`);
    return stored;
  }

  async get(participantId: string): Promise<string | undefined> {
    const entry = await this.keys.findById(participantId).lean();
    if (!entry) return undefined;
    return entry.wrappedKey ?? 'erased';
  }

  async destroy(participantId: string): Promise<void> {
    const now = new Date();
    await retryOnDuplicateKey(() =>
      this.keys.updateOne(
        { _id: participantId },
        { $unset: { wrappedKey: '' }, $set: { destroyedAt: now }, $setOnInsert: { createdAt: now } },
        { upsert: true },
      ),
    );
  }
}
