import type { mongo } from 'mongoose';
import type { ChangedDocument } from '../fold-batch';
import type { ReadModelEntry } from './mongo-models';

const DUPLICATE_KEY = 11000;

export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;

/**
 * Each document is written only over an older version of itself, so a batch replayed after a
 * crash (its documents written, its checkpoint not) or written by a runner that lost the race
 * changes nothing that is newer.
 */
const operation = ({ id, doc, position, ordinal }: ChangedDocument): mongo.AnyBulkWriteOperation<ReadModelEntry> => {
  const olderVersion = { _id: id, ordinal: { $lt: ordinal } };
  // Stored as the JSON it is, as on SQL: BSON would keep an undefined field as null.
  return doc === undefined
    ? { deleteOne: { filter: olderVersion } }
    : { replaceOne: { filter: olderVersion, replacement: { doc: JSON.parse(JSON.stringify(doc)), ordinal, position }, upsert: true } };
};

/** The operations that failed on a duplicate key; any other failure is thrown. */
const duplicateKeyFailures = async (write: Promise<unknown>): Promise<number[]> => {
  try {
    await write;
    return [];
  } catch (error) {
    const writeErrors = [(error as { writeErrors?: mongo.WriteError | mongo.WriteError[] }).writeErrors ?? []].flat();
    if (writeErrors.length === 0 || !writeErrors.every(isDuplicateKey)) throw error;
    return writeErrors.map((e) => e.index);
  }
};

/**
 * One unordered bulk write. An upsert whose filter finds no older version inserts, and the
 * duplicate key that follows means a version at least as new is stored, or that another writer
 * inserted the document a moment ago: so those are tried once more, after which only the first
 * reason is left.
 */
export const writeDocuments = async (collection: mongo.Collection<ReadModelEntry>, changed: readonly ChangedDocument[]): Promise<void> => {
  let operations = changed.map(operation);
  for (let attempt = 0; attempt < 2 && operations.length > 0; attempt += 1) {
    const failed = await duplicateKeyFailures(collection.bulkWrite(operations, { ordered: false }));
    operations = failed.map((index) => operations[index]);
  }
};
