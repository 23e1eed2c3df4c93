import { Connection, createConnection, Model, Schema } from 'mongoose';

/** One read-model document; `ordinal` counts the log up to the last event applied to it. */
export type ReadModelEntry = {
  _id: string;
  doc: unknown;
  ordinal: number;
  position: number;
};

/** `generation` changes whenever the checkpoint is moved by anything but a batch (reset, swap). */
export interface CheckpointEntry {
  _id: string;
  position: number;
  ordinal: number;
  generation: string;
  /** The projection version the documents were built with; missing means 1. */
  version?: number;
}

export interface LeaseEntry {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * Documents go in and come back as plain JSON: no version key, empty objects kept, and no
 * collection or index created behind the store's back (it creates them where it must).
 */
const plain = { versionKey: false, minimize: false, autoCreate: false, autoIndex: false } as const;

const readModelSchema = new Schema<ReadModelEntry>({ _id: String, doc: Schema.Types.Mixed, ordinal: Number, position: Number }, plain);
const checkpointSchema = new Schema<CheckpointEntry>(
  { _id: String, position: Number, ordinal: Number, generation: String, version: Number },
  plain,
);
const leaseSchema = new Schema<LeaseEntry>({ _id: String, owner: String, expiresAt: Date }, plain);

const registered = <T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Model<T> =>
  (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);

/** The models the store and the election use, registered on one connection. */
export class MongoModels {
  constructor(readonly connection: Connection) {}

  get checkpoints(): Model<CheckpointEntry> {
    return registered(this.connection, 'LotseProjectionCheckpoint', checkpointSchema, 'projection_checkpoints');
  }

  get leases(): Model<LeaseEntry> {
    return registered(this.connection, 'LotseProjectionLease', leaseSchema, 'projection_leases');
  }

  readModel(collection: string): Model<ReadModelEntry> {
    return registered(this.connection, `LotseReadModel:${collection}`, readModelSchema, collection);
  }
}

/** Opens a connection; the database is `dbName`, else the one in the URL's path. */
export const connectMongo = async (url: string, dbName?: string): Promise<MongoModels> =>
  new MongoModels(await createConnection(url, { dbName, autoCreate: false, autoIndex: false }).asPromise());
