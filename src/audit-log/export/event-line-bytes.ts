import { ByteWriter } from '@lotse/event-store/sql/byte-writer';
import {
  ContentCut,
  contentCut,
  EVENT_ID_MEMBER_LENGTH,
  writeJsonString,
  writeRecordedAt,
  writeUuid,
} from '@lotse/event-store/sql/chain-content-bytes';
import { readInt64 } from '@lotse/event-store/sql/copy-binary-rows';
import { canonicalJson } from '@lotse/event-store/canonical-json';
import { Col, columnsOfRow, COPIED_COLUMNS, COPIED_SELECT, emptyColumns } from '../verification/copied-links';

/**
 * The columns of each exported event as COPY (binary) sends them: its leaf index, then the stored
 * columns the verification reads (COPIED_SELECT), which cost the server a fraction of building the
 * line (see writeEventLine) and are read by the same code.
 */
export const EVENT_LINE_SELECT = `l.leaf_index, ${COPIED_SELECT}`;
/** Each column's place in EVENT_LINE_SELECT: COPIED_SELECT's, one on. */
export const LineCol = {
  LeafIndex: 0,
  Position: 1 + Col.Position,
  StreamId: 1 + Col.StreamId,
  Version: 1 + Col.Version,
  EventId: 1 + Col.EventId,
  Type: 1 + Col.Type,
  SchemaVersion: 1 + Col.SchemaVersion,
  Content: 1 + Col.Content,
  RecordedAt: 1 + Col.RecordedAt,
  Hash: 1 + Col.Hash,
} as const;
export const EVENT_LINE_COLUMNS = 1 + COPIED_COLUMNS;

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

/** The row's columns as the verification's column check reads them, pointed at each line's row; its scratch and answer. */
const row = emptyColumns(Buffer.alloc(0));
const scratch = new ByteWriter(256);
const cut: ContentCut = { eventIdAt: 0, tailStart: 0 };

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
 * the stream's previous hash. Data and metadata go out as the stored content's own bytes, unparsed,
 * cut where the verification's column check finds them (contentCut: the tail the columns make at
 * the end, the event id's member found back from there), so nothing inside data can move the cut.
 */
export const writeEventLine = (src: Buffer, fields: Int32Array, f: number, previousHash: string, out: ByteWriter): void => {
  row.src = src;
  // The event's columns begin one column on, after the leaf index.
  columnsOfRow(fields, f + 2, row);
  out.all(LINE_START);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.LeafIndex]));
  out.all(POSITION);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.Position]));
  out.all(STREAM_ID);
  writeJsonString(src, row.streamId, row.streamIdEnd, out);
  out.all(STREAM_VERSION);
  out.decimal(readInt64(src, fields[f + 2 * LineCol.Version]));
  out.all(EVENT_ID);
  out.ensure(36);
  writeUuid(src, row.eventId, out.buf, out.at);
  out.at += 36;
  out.all(TYPE);
  writeJsonString(src, row.type, row.typeEnd, out);
  out.all(SCHEMA_VERSION);
  out.decimal(row.schemaVersion);
  out.all(RECORDED_AT);
  writeRecordedAt(row.recordedAtMicros, out);
  out.all(PREVIOUS_HASH);
  writeJsonText(previousHash, out);
  out.all(HASH);
  writeJsonString(src, fields[f + 2 * LineCol.Hash], fields[f + 2 * LineCol.Hash + 1], out);
  out.byte(COMMA);
  if (contentCut(row, scratch, cut)) {
    // `"data":…` after the opening brace, then `,"metadata":…` after the event id's member.
    out.bytes(src, row.content + 1, cut.eventIdAt);
    out.bytes(src, cut.eventIdAt + EVENT_ID_MEMBER_LENGTH, cut.tailStart);
  } else {
    writeParsedMembers(src.toString('utf8', row.content, row.contentEnd), out);
  }
  out.all(LINE_END);
};
