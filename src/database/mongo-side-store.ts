import { isDuplicateKey } from '@lotse/projections';
import { Connection, createConnection, Model, Schema } from 'mongoose';

/** The database is `dbName`, else the one in the URL's path (`mongodb://mongo:27017/lotse`). */
export const connectSideStore = async (url: string, dbName?: string): Promise<Connection> =>
  createConnection(url, { dbName, autoCreate: false, autoIndex: false }).asPromise();

/**
 * Documents go in and come back as plain JSON (no version key, empty objects kept), and indexes
 * are created by each store's init, never behind its back on first use.
 */
export const plainSchema = <T>(definition: ConstructorParameters<typeof Schema<T>>[0]): Schema<T> =>
  new Schema<T>(definition, { versionKey: false, minimize: false, autoCreate: false, autoIndex: false, strict: 'throw' });

export const sideModel = <T>(connection: Connection, collection: string, schema: Schema<T>): Model<T> =>
  (connection.models[`LotseSide:${collection}`] as Model<T> | undefined) ??
  connection.model<T>(`LotseSide:${collection}`, schema, collection);

/**
 * Two upserts of one `_id` at the same moment can both miss and both insert; the loser gets a
 * duplicate-key error (servers before 4.2 never retry it themselves). Its second try finds the
 * document the winner wrote and is then a plain update.
 */
export const retryOnDuplicateKey = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
};

export { isDuplicateKey };
