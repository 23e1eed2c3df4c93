import { MatchingKeys } from '@lotse/domain';
import { Connection, Model, Schema } from 'mongoose';
import { isDuplicateKey, plainSchema, retryOnDuplicateKey, sideModel } from '../database/mongo-side-store';
import { DuplicatePair, MatchCandidate, MatchKeyStore, PAIR_LIST_LIMIT, pairIdOf, PairStatus } from './match-key-store';

/**
 * One document per registration holds its keys AND the lookup keys it is filed under, with a
 * multikey index on `lookup`. On SQL these are two tables written in one transaction; here a
 * save is one replace of one document, which MongoDB applies atomically, so a reader never sees
 * new keys with old lookups (or none at all) without needing multi-document transactions.
 */
interface MatchKeysEntry {
  _id: string;
  municipality: string;
  keys: MatchingKeys;
  lookup: string[];
}

interface PairEntry {
  _id: string;
  participantA: string;
  participantB: string;
  municipalityA: string;
  municipalityB: string;
  score: number;
  fields: DuplicatePair['fields'];
  status: PairStatus;
  foundAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
}

const matchKeysSchema = plainSchema<MatchKeysEntry>({ _id: String, municipality: String, keys: Schema.Types.Mixed, lookup: [String] });
matchKeysSchema.index({ lookup: 1 });

const pairSchema = plainSchema<PairEntry>({
  _id: String,
  participantA: String,
  participantB: String,
  municipalityA: String,
  municipalityB: String,
  score: Number,
  fields: Schema.Types.Mixed,
  status: String,
  foundAt: Date,
  decidedBy: String,
  decidedAt: Date,
});
// Serves the coordinator's list: open pairs, best first.
pairSchema.index({ status: 1, score: -1, foundAt: 1 });

export class MongoMatchKeyStore implements MatchKeyStore {
  private readonly matchKeys: Model<MatchKeysEntry>;
  private readonly pairDocuments: Model<PairEntry>;

  constructor(connection: Connection) {
    this.matchKeys = sideModel(connection, 'participant_match_keys', matchKeysSchema);
    this.pairDocuments = sideModel(connection, 'duplicate_pairs', pairSchema);
  }

  async init(): Promise<void> {
    await this.matchKeys.createIndexes();
    await this.pairDocuments.createIndexes();
  }

  async save(participantId: string, municipality: string, keys: MatchingKeys): Promise<void> {
    // Stored as the JSON it is, as on SQL (jsonb): BSON would keep an undefined field as null.
    const replacement = { municipality, keys: JSON.parse(JSON.stringify(keys)) as MatchingKeys, lookup: [...new Set(keys.lookup)] };
    await retryOnDuplicateKey(() => this.matchKeys.replaceOne({ _id: participantId }, replacement, { upsert: true }));
  }

  async candidates(lookup: readonly string[]): Promise<MatchCandidate[]> {
    if (lookup.length === 0) return [];
    const entries = await this.matchKeys.find({ lookup: { $in: [...lookup] } }, { municipality: 1, keys: 1 }).lean();
    return entries.map((e) => ({ participantId: e._id, municipality: e.municipality, keys: e.keys }));
  }

  async forget(participantId: string): Promise<void> {
    await this.matchKeys.deleteOne({ _id: participantId });
  }

  async recordPair(pair: Omit<DuplicatePair, 'status' | 'foundAt'>): Promise<void> {
    const { pairId, ...found } = pair;
    await this.pairDocuments
      .updateOne(
        { _id: pairId },
        { $setOnInsert: { ...found, fields: { ...found.fields }, status: 'open', foundAt: new Date() } },
        { upsert: true },
      )
      // The other side recorded the same pair at the same moment: it is there, which is all we wanted.
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }

  async pairs(filter: { status: PairStatus; municipality?: string }): Promise<DuplicatePair[]> {
    const where =
      filter.municipality === undefined
        ? { status: filter.status }
        : { status: filter.status, $or: [{ municipalityA: filter.municipality }, { municipalityB: filter.municipality }] };
    const entries = await this.pairDocuments.find(where).sort({ score: -1, foundAt: 1 }).limit(PAIR_LIST_LIMIT).lean();
    return entries.map(toPair);
  }

  async pairOf(a: string, b: string): Promise<DuplicatePair | undefined> {
    const entry = await this.pairDocuments.findById(pairIdOf(a, b)).lean();
    return entry ? toPair(entry) : undefined;
  }

  async decide(pairId: string, status: Exclude<PairStatus, 'open'>, actor: string): Promise<void> {
    await this.pairDocuments.updateOne({ _id: pairId }, { $set: { status, decidedBy: actor, decidedAt: new Date() } });
  }
}

const toPair = (e: PairEntry): DuplicatePair => ({
  pairId: e._id,
  participantA: e.participantA,
  participantB: e.participantB,
  municipalityA: e.municipalityA,
  municipalityB: e.municipalityB,
  score: e.score,
  fields: e.fields,
  status: e.status,
  foundAt: e.foundAt.toISOString(),
});
