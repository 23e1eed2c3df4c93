import { ByteWriter } from '@lotse/event-store/sql/byte-writer';
import {
  ENVELOPE_TAIL_PIECES,
  EVENT_ID_MEMBER_LENGTH,
  eventIdMemberAt,
  writeJsonString,
  writeRecordedAt,
  writeUuid,
} from '@lotse/event-store/sql/chain-content-bytes';
import { readInt32, readInt64 } from '@lotse/event-store/sql/copy-binary-rows';
import { ENVELOPE_START } from '@lotse/event-store/sql/envelope-layout';
import { canonicalJson } from '@lotse/event-store/canonical-json';

/**
 * The columns of each exported event as COPY (binary) sends them, in this order: the stored
 * columns themselves, which cost the server a fraction of building the line (see writeEventLine).
 */
export const EVENT_LINE_SELECT = `l.leaf_index, e.global_position, e.stream_id, e.stream_version, e.event_id, e.type,
  e.schema_version, e.recorded_at, e.hash, e.content`;
/** Each column's place in EVENT_LINE_SELECT. */
export const LineCol = {
  LeafIndex: 0,
  Position: 1,
  StreamId: 2,
  Version: 3,
  EventId: 4,
  Type: 5,
  SchemaVersion: 6,
  RecordedAt: 7,
  Hash: 8,
  Content: 9,
} as const;
export const EVENT_LINE_COLUMNS = 10;

// The line's pieces between its fields, in the export format's key order (see ExportEvent).
const LINE_START = Buffer.from('{"kind":"event","leafIndex":');
const POSITION = Buffer.from(',"position":');
const STREAM_ID = Buffer.from(',"streamId":');
const STREAM_VERSION = Buffer.from(',"streamVersion":');
const EVENT_ID = Buffer.from(',"eventId":"');
const TYPE = Buffer.from('","type":');
const SCHEMA_VERSION = Buffer.from(',"schemaVersion":');
const RECORDED_AT = Buffer.from(',"recordedAt":"');
const PREVIOUS_HASH = Buffer.from('","previousHash":');
const HASH = Buffer.from(',"hash":');
const LINE_END = Buffer.from('}\n');
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The stored content is the canonical envelope `{"data":…,"eventId":"<id>","metadata":…<tail>}`
 * (its key order fixed), the tail `,"recordedAt":"…","schemaVersion":…,"streamId":…,"type":…}`
 * holding values the line has just written: where they went, [start, end) in the writer's buffer
 * in the tail's order, reused by every line.
 */
const tailValues = new Int32Array(2 * ENVELOPE_TAIL_PIECES.length);
const [RECORDED_AT_VALUE, SCHEMA_VERSION_VALUE, STREAM_ID_VALUE, TYPE_VALUE] = [0, 2, 4, 6];
const TAIL_END = 0x7d;
/** The tail's length without its values. */
const TAIL_FIXED = ENVELOPE_TAIL_PIECES.reduce((n, piece) => n + piece.length, 1);

/** Whether `src` holds the tail (its pieces and the values at tailValues of `line`) from `at` to `end`. */
const holdsTail = (src: Buffer, at: number, end: number, line: Buffer): boolean => {
  for (let k = 0; k < ENVELOPE_TAIL_PIECES.length; k += 1) {
    const piece = ENVELOPE_TAIL_PIECES[k];
    for (let i = 0; i < piece.length; i += 1) if (src[at++] !== piece[i]) return false;
    for (let i = tailValues[2 * k]; i < tailValues[2 * k + 1]; i += 1) if (src[at++] !== line[i]) return false;
  }
  return at === end - 1 && src[at] === TAIL_END;
};

/** JSON.stringify's bytes of `s`: printable ASCII written byte by byte, anything else through JSON.stringify. */
const writeJsonText = (s: string, out: ByteWriter): void => {
  out.ensure(s.length + 2);
  const buf = out.buf;
  let o = out.at;
  buf[o++] = QUOTE;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === BACKSLASH || c > 0x7f) {
      out.utf8(JSON.stringify(s));
      return;
    }
    buf[o++] = c;
  }
  buf[o++] = QUOTE;
  out.at = o;
};

/**
 * A content whose cut points are not where its columns say (a row changed by hand): its data and
 * metadata parsed and written canonically, which for canonical content are its bytes again, so
 * the offline verifier names this line as the server's verification names the row.
 */
const writeParsedMembers = (content: string, out: ByteWriter): void => {
  let envelope: { data?: unknown; metadata?: unknown } = {};
  try {
    envelope = JSON.parse(content) as typeof envelope;
  } catch {
    // Not JSON at all: the line says null, and its hash will not hold.
  }
  out.utf8(`"data":${canonicalJson(envelope?.data ?? null)},"metadata":${canonicalJson(envelope?.metadata ?? null)}`);
};

/**
 * One event line of the export (ExportEvent, JSON.stringify's escaping) into `out`, from a COPY
 * binary row of EVENT_LINE_SELECT (`fields` from `f` on: each column's [start, end) in `src`) and
 * the stream's previous hash. Data and metadata go out as the stored content's own bytes, unparsed:
 * the content ends in its tail, whose length the line's values give and whose bytes are checked
 * against them; the event id's member before `metadata` is found back from the tail, so nothing in
 * data can stand in for it (see eventIdMemberStart).
 */
export const writeEventLine = (src: Buffer, fields: Int32Array, f: number, previousHash: string, out: ByteWriter): void => {
  out.all(LINE_START);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.LeafIndex]));
  out.all(POSITION);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.Position]));
  out.all(STREAM_ID);
  tailValues[STREAM_ID_VALUE] = out.at;
  writeJsonString(src, fields[f + 2 * LineCol.StreamId], fields[f + 2 * LineCol.StreamId + 1], out);
  tailValues[STREAM_ID_VALUE + 1] = out.at;
  out.all(STREAM_VERSION);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.Version]));
  out.all(EVENT_ID);
  out.ensure(36);
  writeUuid(src, fields[f + 2 * LineCol.EventId], out.buf, out.at);
  out.at += 36;
  out.all(TYPE);
  tailValues[TYPE_VALUE] = out.at;
  writeJsonString(src, fields[f + 2 * LineCol.Type], fields[f + 2 * LineCol.Type + 1], out);
  tailValues[TYPE_VALUE + 1] = out.at;
  out.all(SCHEMA_VERSION);
  tailValues[SCHEMA_VERSION_VALUE] = out.at;
  out.decimal(readInt32(src, fields[f + 2 * LineCol.SchemaVersion]));
  tailValues[SCHEMA_VERSION_VALUE + 1] = out.at;
  out.all(RECORDED_AT);
  tailValues[RECORDED_AT_VALUE] = out.at;
  writeRecordedAt(readInt64(src, fields[f + 2 * LineCol.RecordedAt]), out);
  tailValues[RECORDED_AT_VALUE + 1] = out.at;
  out.all(PREVIOUS_HASH);
  writeJsonText(previousHash, out);
  out.all(HASH);
  writeJsonString(src, fields[f + 2 * LineCol.Hash], fields[f + 2 * LineCol.Hash + 1], out);
  out.byte(COMMA);
  const content = fields[f + 2 * LineCol.Content];
  const contentEnd = fields[f + 2 * LineCol.Content + 1];
  let tail = TAIL_FIXED;
  for (let k = 0; k < tailValues.length; k += 2) tail += tailValues[k + 1] - tailValues[k];
  const tailAt = contentEnd - tail;
  const idAt = holdsTail(src, tailAt, contentEnd, out.buf)
    ? eventIdMemberAt(src, fields[f + 2 * LineCol.EventId], content + ENVELOPE_START.length, tailAt)
    : -1;
  if (idAt >= 0) {
    // `"data":…` after the opening brace, then `,"metadata":…` after the event id's member.
    out.bytes(src, content + 1, idAt);
    out.bytes(src, idAt + EVENT_ID_MEMBER_LENGTH, tailAt);
  } else {
    writeParsedMembers(src.toString('utf8', content, contentEnd), out);
  }
  out.all(LINE_END);
};
