import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@lotse/event-store';
import type { Model, mongo } from 'mongoose';
import { foldBatch, LoadedDocument, touchedIds } from '../fold-batch';
import { Projection, versionOf } from '../projection';
import { field } from '../query-fields';
import { ApplyResult, CheckpointMovedError, ReadModelPage, ReadModelQuery, ReadModelStore, rebuildName } from '../read-model-store';
import { isDuplicateKey, writeDocuments } from './mongo-documents';
import type { CheckpointEntry, MongoModels, ReadModelEntry } from './mongo-models';
import { mongoFilter, mongoOmit, mongoSort } from './mongo-query';

/** Projection names become collection names; only plain identifiers pass. */
const collectionName = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(name)) throw new Error(`invalid projection name ${JSON.stringify(name)}`);
  return `rm_${name}`;
};

const newGeneration = (): string => randomUUID();

/**
 * Read models on MongoDB without multi-document transactions (a standalone server has none).
 * What makes a batch safe to repeat is the ordinal, the count of events from the start of the
 * log: the checkpoint keeps the one of its event and every document the one of the last event
 * applied to it, which is written only over a smaller one. A crash between the documents and the
 * checkpoint, or a runner that lost its lead mid-batch, leaves documents the replay skips.
 */
export class MongoReadModelStore implements ReadModelStore {
  private constructor(private readonly models: MongoModels) {}

  /** Its own connection, closed with the store; the database is `dbName`, else the one in the URL's path. */
  static async open(url: string, options: { dbName?: string } = {}): Promise<MongoReadModelStore> {
    // Loaded here, not on import, so the package costs no MongoDB driver where nobody uses it.
    const { connectMongo } = await import('./mongo-models');
    return new MongoReadModelStore(await connectMongo(url, options.dbName));
  }

  async init(projection: Projection): Promise<void> {
    await this.createCollection(projection.name, projection.indexes ?? []);
    await this.models.checkpoints
      .updateOne(
        { _id: projection.name },
        { $setOnInsert: { position: 0, ordinal: 0, generation: newGeneration(), version: versionOf(projection) } },
        { upsert: true },
      )
      // Another runner starting at the same moment inserted it first.
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }

  /** Created even without indexes, so a rebuilt model that stayed empty can still be renamed. */
  private async createCollection(name: string, indexes: readonly (readonly string[])[]): Promise<void> {
    const documents = this.documents(name);
    await documents.createCollection();
    for (const fields of indexes) {
      await documents.collection.createIndex(Object.fromEntries(fields.map((f) => [`doc.${field(f)}`, 1])));
    }
  }

  async checkpoint(name: string): Promise<number> {
    return (await this.models.checkpoints.findById(name).lean())?.position ?? 0;
  }

  async builtWith(name: string): Promise<number> {
    return (await this.models.checkpoints.findById(name).lean())?.version ?? 1;
  }

  async applyBatch(projection: Projection, events: readonly StoredEvent[], after: number): Promise<ApplyResult> {
    const stored = await this.models.checkpoints.findById(projection.name).lean();
    if (!stored) throw new Error(`no checkpoint for read model ${projection.name}: init it first`);
    let start = 0;
    if (stored.position !== after) {
      const index = events.findIndex((e) => e.globalPosition === stored.position);
      if (index < 0) throw new CheckpointMovedError(projection.name, after, stored.position);
      start = index + 1;
    }
    const todo = events.slice(start);
    const documents = this.documents(projection.name);
    const loaded = await this.load(documents, touchedIds(projection, todo));
    const fold = foldBatch(projection, todo, loaded, stored.ordinal + 1);
    await writeDocuments(this.models.connection.collection<ReadModelEntry>(collectionName(projection.name)), fold.changed);
    if (fold.position !== undefined) await this.moveCheckpoint(stored, fold.position, stored.ordinal + fold.folded);
    return { position: fold.position ?? stored.position, applied: fold.applied, skipped: start, failure: fold.failure };
  }

  private async load(documents: Model<ReadModelEntry>, ids: string[]): Promise<Map<string, LoadedDocument>> {
    if (ids.length === 0) return new Map();
    const entries = await documents.find({ _id: { $in: ids } }).lean();
    return new Map(entries.map((e) => [e._id, { doc: e.doc, ordinal: e.ordinal }]));
  }

  /** Only from where the batch found it: a reset, a swap or another runner changed the position or the generation. */
  private async moveCheckpoint(from: CheckpointEntry, position: number, ordinal: number): Promise<void> {
    const { matchedCount } = await this.models.checkpoints.updateOne(
      { _id: from._id, position: from.position, generation: from.generation },
      { $set: { position, ordinal } },
    );
    if (matchedCount === 0) throw new CheckpointMovedError(from._id, from.position, await this.checkpoint(from._id));
  }

  async get<Document>(name: string, id: string): Promise<Document | undefined> {
    const entry = await this.documents(name).findById(id).lean();
    return entry ? (entry.doc as Document) : undefined;
  }

  async all<Document>(name: string): Promise<Map<string, Document>> {
    const entries = await this.documents(name).find().sort({ _id: 1 }).lean();
    return new Map(entries.map((e) => [e._id, e.doc as Document]));
  }

  async find<Document>(name: string, query: ReadModelQuery): Promise<ReadModelPage<Document>> {
    const filter = mongoFilter(query.where ?? {});
    const documents = this.documents(name);
    const page = documents
      .find(filter, mongoOmit(query.omit ?? []))
      .sort(mongoSort(query.orderBy ?? []))
      .skip(query.offset ?? 0);
    // MongoDB reads a limit of 0 as no limit at all.
    if (query.limit) page.limit(query.limit);
    // Two reads, not one snapshot: a batch landing in between can make the total disagree with the page.
    const [items, total] = await Promise.all([query.limit === 0 ? [] : page.lean(), documents.countDocuments(filter)]);
    return { items: items.map((e) => e.doc as Document), total };
  }

  /**
   * Rewound before and after the delete, each time under a new generation: a batch that read the
   * checkpoint in between cannot move it past the rewind, and the replay from the start of the
   * log refills whatever the delete took.
   */
  async reset(name: string): Promise<void> {
    await this.setCheckpoint(name, 0, 0);
    await this.documents(name).deleteMany({});
    await this.setCheckpoint(name, 0, 0);
  }

  async prepareRebuild(projection: Projection): Promise<Projection> {
    const shadow: Projection = { ...projection, name: rebuildName(projection.name) };
    await this.models.connection.dropCollection(collectionName(shadow.name));
    await this.createCollection(shadow.name, projection.indexes ?? []);
    await this.setCheckpoint(shadow.name, 0, 0, versionOf(projection));
    return shadow;
  }

  /**
   * Not one step as in SQL but one whose every interruption the ordinals absorb: the live
   * checkpoint gets a new generation first, so a live batch in flight cannot move it and its
   * runner resubscribes; its documents, even if written into the renamed collection, only ever
   * replace older versions.
   */
  async swapIn(projection: Projection, liveAt: number): Promise<boolean> {
    const live = projection.name;
    const shadow = rebuildName(live);
    const rebuilt = await this.models.checkpoints.findById(shadow).lean();
    if (!rebuilt) throw new Error(`no rebuild of ${live} in progress`);
    if (!(await this.claimLive(live, liveAt))) return false;
    await this.db().renameCollection(collectionName(shadow), collectionName(live), { dropTarget: true });
    await this.setCheckpoint(live, rebuilt.position, rebuilt.ordinal, rebuilt.version ?? 1);
    await this.models.checkpoints.deleteOne({ _id: shadow });
    return true;
  }

  /** A new generation for the live checkpoint if it is still at `liveAt`; one never written counts as at the start. */
  private async claimLive(live: string, liveAt: number): Promise<boolean> {
    try {
      const { matchedCount, upsertedCount } = await this.models.checkpoints.updateOne(
        { _id: live, position: liveAt },
        { $set: { generation: newGeneration() }, $setOnInsert: { ordinal: 0 } },
        { upsert: liveAt === 0 },
      );
      return matchedCount + upsertedCount > 0;
    } catch (error) {
      // The upsert found the checkpoint elsewhere and tried to insert a second one.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private async setCheckpoint(name: string, position: number, ordinal: number, version?: number): Promise<void> {
    await this.models.checkpoints.updateOne(
      { _id: name },
      { $set: { position, ordinal, generation: newGeneration(), ...(version === undefined ? {} : { version }) } },
      { upsert: true },
    );
  }

  async close(): Promise<void> {
    await this.models.connection.close();
  }

  private documents(name: string): Model<ReadModelEntry> {
    return this.models.readModel(collectionName(name));
  }

  private db(): mongo.Db {
    const db = this.models.connection.db;
    if (!db) throw new Error('MongoDB read-model store is not connected');
    return db;
  }
}
