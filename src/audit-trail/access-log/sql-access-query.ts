import { AccessQuery } from './access-log-store';

/** An entry of a batch row as a record: its seq, its JSON and the two hashes, in the order stored. */
export const RECORDS_OF_BATCHES = `
select (e.item->>'seq')::bigint as seq, (e.item->'entry')::jsonb as entry,
       e.item->>'previousHash' as previous_hash, e.item->>'hash' as hash
from access_log_batch b cross join lateral json_array_elements(b.entries) with ordinality as e(item, n)`;

/**
 * The records a query asks for, as a derived table `records` to count or page: each filter twice, once on the batch
 * rows, where an index finds the batches that can hold a match (the people and subs a batch holds, the span of its
 * times), and once on the batch's entries, which keeps exactly the matching ones (a batch with this person's read
 * holds other people's reads too). Each value is one parameter used in both places.
 */
export const accessRecordsSql = (query: Omit<AccessQuery, 'limit' | 'offset'>): { records: string; params: unknown[] } => {
  const batch: string[] = [];
  const entry: string[] = [];
  const params: unknown[] = [];
  const add = (value: unknown, onBatch: ((n: string) => string) | undefined, onEntry: (n: string) => string) => {
    params.push(value);
    const n = `$${params.length}`;
    if (onBatch) batch.push(onBatch(n));
    entry.push(onEntry(n));
  };
  if (query.participantId !== undefined) {
    add(
      JSON.stringify([query.participantId]),
      (n) => `b.participant_ids @> ${n}::jsonb`,
      (n) => `entry->'participantIds' @> ${n}::jsonb`,
    );
  }
  if (query.actor !== undefined) {
    add(
      JSON.stringify([query.actor]),
      (n) => `b.subs @> ${n}::jsonb`,
      (n) => `entry->>'sub' = ${n}::jsonb->>0`,
    );
  }
  if (query.from !== undefined) {
    add(
      query.from,
      (n) => `b.at_to >= ${n}::timestamptz`,
      (n) => `(entry->>'at')::timestamptz >= ${n}::timestamptz`,
    );
  }
  if (query.to !== undefined) {
    add(
      query.to,
      (n) => `b.at_from <= ${n}::timestamptz`,
      (n) => `(entry->>'at')::timestamptz <= ${n}::timestamptz`,
    );
  }
  if (query.municipality !== undefined) {
    // Not indexed: an auditor's view with no other filter reads the whole log either way.
    add(
      JSON.stringify([query.municipality]),
      undefined,
      (n) => `(entry->'municipalities' @> ${n}::jsonb or entry->>'municipality' = ${n}::jsonb->>0 or entry->>'action' = 'purge')`,
    );
  }
  const where = (clauses: string[]) => (clauses.length > 0 ? `where ${clauses.join(' and ')}` : '');
  return { records: `(select * from (${RECORDS_OF_BATCHES} ${where(batch)}) unnested ${where(entry)}) records`, params };
};
