// File by file: a hashing thread loads these two and not the drivers behind the package index.
import { chainHash } from '@lotse/event-store/canonical-json';
import { CheckedColumns, contentAgreesWithColumns } from '@lotse/event-store/sql/content-columns';
import { BatchEntries, HashedBatch } from './batch-leaves';

/**
 * What one event's chain hash covers, as the full verification reads it without COPY: the stored
 * content, the hash of the event before it in its stream, its own stored hash, and the columns
 * that must say what the content says. Columns, not objects: a batch crosses to a hashing thread as
 * a handful of arrays, which the structured clone copies fastest.
 */
export interface ChainLinks {
  previousHash: string[];
  hash: string[];
  content: string[];
  streamId: string[];
  eventId: string[];
  type: string[];
  schemaVersion: number[];
  recordedAtUs: string[];
}

export const emptyLinks = (): ChainLinks => ({
  previousHash: [],
  hash: [],
  content: [],
  streamId: [],
  eventId: [],
  type: [],
  schemaVersion: [],
  recordedAtUs: [],
});

/** Appends one row's link. */
export const addLink = (links: ChainLinks, previousHash: string, row: CheckedColumns & { content: string; hash: string }): void => {
  links.previousHash.push(previousHash);
  links.hash.push(row.hash);
  links.content.push(row.content);
  links.streamId.push(row.stream_id);
  links.eventId.push(row.event_id);
  links.type.push(row.type);
  links.schemaVersion.push(row.schema_version);
  links.recordedAtUs.push(row.recorded_at_us);
};

/**
 * Recomputes every link's chain hash from its stored content against its stored hash, with its
 * columns against its content, and hashes the stored hashes into leaves, or the batch into one subtree.
 */
export const hashLinks = (links: ChainLinks, subtree: boolean): HashedBatch => {
  const chainOk = new Uint8Array(links.hash.length);
  const entries = new BatchEntries(links.hash.length);
  links.previousHash.forEach((previous, i) => {
    const content = links.content[i];
    const agree = contentAgreesWithColumns(content, {
      stream_id: links.streamId[i],
      event_id: links.eventId[i],
      type: links.type[i],
      schema_version: links.schemaVersion[i],
      recorded_at_us: links.recordedAtUs[i],
    });
    chainOk[i] = agree && chainHash(previous, content) === links.hash[i] ? 1 : 0;
    entries.setText(i, links.hash[i]);
  });
  return { chainOk, ...entries.leaves(subtree) };
};
