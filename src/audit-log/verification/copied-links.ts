// File by file: a hashing thread loads these and not the drivers behind the package index.
import { hash } from 'node:crypto';
import { BinaryEventColumns, columnsAgreeWithContent, writeChainInput } from '@lotse/event-store/sql/chain-content-bytes';
import { ByteWriter } from '@lotse/event-store/sql/byte-writer';
import { readInt32, readInt64 } from '@lotse/event-store/sql/copy-binary-rows';
import { BatchEntries, HashedBatch } from './batch-leaves';

/** As merkle.ts's HASH_BYTES, local to the loops below. */
const HASH_BYTES = 32;

/**
 * The columns of each event the full verification reads by COPY (binary), in this order. Binary
 * uuid and timestamptz cost the server less than their text; the content goes as stored, the
 * bytes the hash covers.
 */
export const COPIED_SELECT = `e.global_position, e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version,
  e.content, e.recorded_at, e.hash`;
/** Each column's place in COPIED_SELECT. */
export const Col = {
  Position: 0,
  StreamId: 1,
  Version: 2,
  EventId: 3,
  Type: 4,
  SchemaVersion: 5,
  Content: 6,
  RecordedAt: 7,
  Hash: 8,
} as const;
export const COPIED_COLUMNS = 9;

/**
 * The tree's leaves, read by a COPY of their own in leaf order beside the events' in log order:
 * leaf k belongs beside the log's event k, so the two streams are merged by place, and the server
 * walks two indexes instead of looking up a leaf per event (a join measured 1.3 µs per event more).
 */
export const LEAF_SELECT = 'leaf_index, global_position, event_hash';
export const LeafCol = { Index: 0, Position: 1, Hash: 2 } as const;
export const LEAF_COLUMNS = 3;

/**
 * A batch of COPY rows for a hashing thread: the bytes and field offsets (see copyRowBatches), the
 * stored hash of each event's predecessor in its stream (UTF-8, event i's at
 * [previousEnds[i - 1], previousEnds[i]) of `previous`), the leaf index of the first event, and
 * the leaves from that index on, cut as the events were: fewer rows than `fields` where the tree
 * ends, more in the log's last, short batch where the tree holds more (those are not this batch's).
 */
export interface CopiedJob {
  kind: 'copied';
  data: Uint8Array;
  fields: Int32Array;
  leafData: Uint8Array;
  leafFields: Int32Array;
  previous: Uint8Array;
  previousEnds: Int32Array;
  from: number;
  subtree: boolean;
}

const out = new ByteWriter();
const scratch = new ByteWriter(1024);

/**
 * Each event's chain hash recomputed from its stored content (previous hash and content into one
 * reused buffer, one SHA-256) against its stored hash, and its columns against that content; each
 * event against its leaf; the stored hashes as the batch's Merkle leaves or subtree root.
 */
export const hashCopiedRows = (job: CopiedJob): HashedBatch => {
  const d = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  const { fields, previous, previousEnds, leafFields } = job;
  const leafData = Buffer.from(job.leafData.buffer, job.leafData.byteOffset, job.leafData.byteLength);
  const rows = fields.length / (2 * COPIED_COLUMNS);
  const chainOk = new Uint8Array(rows);
  const leafOk = new Uint8Array(rows);
  const entries = new BatchEntries(rows);
  const e = emptyColumns(d);
  for (let i = 0, f = 0; i < rows; i += 1, f += 2 * COPIED_COLUMNS) {
    columnsOfRow(fields, f, e);
    const hashAt = fields[f + 2 * Col.Hash];
    const hashEnd = fields[f + 2 * Col.Hash + 1];
    const plainHex = decodeHex(d, hashAt, hashEnd, entries.flat, i * HASH_BYTES);
    if (!plainHex) entries.setText(i, d.toString('utf8', hashAt, hashEnd));
    out.reset();
    writeChainInput(previous, i === 0 ? 0 : previousEnds[i - 1], previousEnds[i], e, out);
    // A digest's hex is 64 lowercase digits: a stored hash in any other form cannot be it, and one
    // in that form is compared decoded, 32 bytes against the digest as a latin1 ('binary') string (cheaper than hex).
    chainOk[i] =
      plainHex && columnsAgreeWithContent(e, scratch) && sameBytes(hash('sha256', out.view(), 'binary'), entries.flat, i * HASH_BYTES)
        ? 1
        : 0;
    // Leaf `from + i` is this event's: its index, this position, this hash in lowercase hex.
    const l = i * 2 * LEAF_COLUMNS;
    const leafHashAt = l < leafFields.length ? leafFields[l + 2 * LeafCol.Hash] : -1;
    leafOk[i] =
      plainHex &&
      leafHashAt >= 0 &&
      readInt64(leafData, leafFields[l + 2 * LeafCol.Index]) === job.from + i &&
      readInt64(leafData, leafFields[l + 2 * LeafCol.Position]) === readInt64(d, fields[f + 2 * Col.Position]) &&
      leafFields[l + 2 * LeafCol.Hash + 1] - leafHashAt === HASH_BYTES &&
      entries.flat.compare(leafData, leafHashAt, leafHashAt + HASH_BYTES, i * HASH_BYTES, (i + 1) * HASH_BYTES) === 0
        ? 1
        : 0;
  }
  return { chainOk, leafOk, ...entries.leaves(job.subtree) };
};

/** Columns to be pointed at the rows of `src` (see columnsOfRow), one object reused for every row. */
export const emptyColumns = (src: Buffer): BinaryEventColumns => ({
  src,
  streamId: 0,
  streamIdEnd: 0,
  eventId: 0,
  type: 0,
  typeEnd: 0,
  schemaVersion: 0,
  content: 0,
  contentEnd: 0,
  recordedAtMicros: 0,
});

/** Points `e` at the chain's columns of the row whose fields start at `f` of `fields`. */
export const columnsOfRow = (fields: Int32Array, f: number, e: BinaryEventColumns): void => {
  const d = e.src;
  e.streamId = fields[f + 2 * Col.StreamId];
  e.streamIdEnd = fields[f + 2 * Col.StreamId + 1];
  e.eventId = fields[f + 2 * Col.EventId];
  e.type = fields[f + 2 * Col.Type];
  e.typeEnd = fields[f + 2 * Col.Type + 1];
  e.schemaVersion = readInt32(d, fields[f + 2 * Col.SchemaVersion]);
  e.content = fields[f + 2 * Col.Content];
  e.contentEnd = fields[f + 2 * Col.Content + 1];
  e.recordedAtMicros = readInt64(d, fields[f + 2 * Col.RecordedAt]);
};

/** Whether the code units of `digest` (latin1: one byte each) are the bytes of `d` from `start` on. */
const sameBytes = (digest: string, d: Uint8Array, start: number): boolean => {
  for (let i = 0; i < digest.length; i += 1) if (digest.charCodeAt(i) !== d[start + i]) return false;
  return true;
};

/** Each pair of lowercase hex digits (first << 8 | second) to its byte; -1 for every other pair of bytes. */
const HEX_PAIRS = (() => {
  const pairs = new Int16Array(1 << 16).fill(-1);
  const digits = '0123456789abcdef';
  for (let hi = 0; hi < 16; hi += 1)
    for (let lo = 0; lo < 16; lo += 1) pairs[(digits.charCodeAt(hi) << 8) | digits.charCodeAt(lo)] = (hi << 4) | lo;
  return pairs;
})();

/** Decodes 64 lowercase hex digits at [start, end) into 32 bytes of `into` at `at`; false for any other text. */
const decodeHex = (d: Uint8Array, start: number, end: number, into: Uint8Array, at: number): boolean => {
  if (end - start !== 2 * HASH_BYTES) return false;
  for (let i = 0, p = start; i < HASH_BYTES; i += 1, p += 2) {
    const byte = HEX_PAIRS[(d[p] << 8) | d[p + 1]];
    if (byte < 0) return false;
    into[at + i] = byte;
  }
  return true;
};
