import { ByteWriter } from './byte-writer';
import {
  CodeAt,
  ENVELOPE_START,
  EVENT_ID_KEY,
  eventIdMemberStart,
  METADATA_KEY,
  TAIL_PIECES,
  TailWriter,
  writeTail,
} from './envelope-layout';

/**
 * An event's columns as PostgreSQL sends them in binary (COPY … WITH (FORMAT binary)), as spans of
 * one buffer: stream id, type and content as UTF-8 text, event id as the 16 bytes of a uuid,
 * recorded_at as microseconds since 2000-01-01 UTC.
 */
export interface BinaryEventColumns {
  src: Buffer;
  streamId: number;
  streamIdEnd: number;
  eventId: number;
  type: number;
  typeEnd: number;
  schemaVersion: number;
  content: number;
  contentEnd: number;
  recordedAtMicros: number;
}

const HEX = Buffer.from('0123456789abcdef');
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const QUOTE = 34;
const DASH = 45;
const ZERO = 48;

const DATA = Buffer.from(ENVELOPE_START);
const TAIL = TAIL_PIECES.map((piece) => Buffer.from(piece));
const byteAt: CodeAt<Buffer> = (s, i) => s[i];

const [RECORDED_AT, SCHEMA_VERSION, STREAM_ID, TYPE] = TAIL;

/** The event id's member, `,"eventId":"<36 characters>","metadata":`, its id written in place for each event. */
const UUID_AT = EVENT_ID_KEY.length;
const member = Buffer.from(`${EVENT_ID_KEY}${'0'.repeat(36)}${METADATA_KEY}`);
/** `,"eventId":"<36 characters>"`: the member's bytes before `,"metadata":`. */
export const EVENT_ID_MEMBER_LENGTH = UUID_AT + 36 + 1;

/**
 * Where the event id's member starts in a content whose data starts at `dataStart` and whose tail
 * starts at `tailStart` (found back from the tail, see eventIdMemberStart), if it holds the event id
 * at `eventId` of `src`; -1 otherwise.
 */
const eventIdMemberAt = (src: Buffer, eventId: number, dataStart: number, tailStart: number): number => {
  const at = eventIdMemberStart(src, byteAt, dataStart, tailStart);
  if (at < 0) return -1;
  writeUuid(src, eventId, member, UUID_AT);
  for (let i = 0; i < member.length; i += 1) if (src[at + i] !== member[i]) return -1;
  return at;
};

/**
 * `previousHash ‖ content` into `out` (the previous hash being bytes [start, end) of `previous`): the
 * input of the event's chain hash, the stored bytes as they came, copied natively without a view.
 */
export const writeChainInput = (previous: Uint8Array, start: number, end: number, e: BinaryEventColumns, out: ByteWriter): void => {
  out.bytes(previous, start, end);
  const length = e.contentEnd - e.content;
  out.ensure(length);
  e.src.copy(out.buf, out.at, e.content, e.contentEnd);
  out.at += length;
};

/** The tail as bytes, from the binary columns: recorded_at's microseconds and the text columns' UTF-8. */
const BYTES_TAIL: TailWriter<ByteWriter, BinaryEventColumns> = {
  piece: (out, index) => out.all(TAIL[index]),
  recordedAt: (out, e) => writeRecordedAt(e.recordedAtMicros, out),
  schemaVersion: (out, e) => {
    if (Number.isInteger(e.schemaVersion) && e.schemaVersion >= 0 && e.schemaVersion < 10) out.byte(ZERO + e.schemaVersion);
    else out.latin1(String(e.schemaVersion));
  },
  streamId: (out, e) => writeJsonString(e.src, e.streamId, e.streamIdEnd, out),
  type: (out, e) => writeJsonString(e.src, e.type, e.typeEnd, out),
};

/**
 * Whether the columns a query filters or serves on say what the hashed content says (the bytes twin
 * of contentAgreesWithColumns): the content's last bytes are the tail the columns make, and its
 * event id member, found back from there (see eventIdMemberStart), holds the event id column. A
 * column changed by hand fails here while the hash still holds. `scratch` is reused, not kept.
 */
export const columnsAgreeWithContent = (e: BinaryEventColumns, scratch: ByteWriter): boolean => contentCut(e, scratch, unkept);

/** Where a content that agrees with its columns is cut into its members (see contentCut). */
export interface ContentCut {
  /** Where `,"eventId":"<id>"` starts: data ends before it, `,"metadata":` follows EVENT_ID_MEMBER_LENGTH bytes after it. */
  eventIdAt: number;
  /** Where the tail starts, metadata having ended. */
  tailStart: number;
}

const unkept: ContentCut = { eventIdAt: 0, tailStart: 0 };

/**
 * columnsAgreeWithContent, telling in `cut` (reused, not kept) where the members lie when it holds:
 * the export writes data and metadata from there.
 */
export const contentCut = (e: BinaryEventColumns, scratch: ByteWriter, cut: ContentCut): boolean => {
  const src = e.src;
  // recorded_at keeps microseconds, the content milliseconds: a stored value between two is not the content's.
  if (e.recordedAtMicros % 1000 !== 0 || e.contentEnd - e.content < DATA.length) return false;
  for (let i = 0; i < DATA.length; i += 1) if (src[e.content + i] !== DATA[i]) return false;
  let tailStart = tailInPlace(e, scratch);
  if (tailStart === UNSURE) tailStart = tailWritten(e, scratch);
  if (tailStart < 0) return false;
  const eventIdAt = eventIdMemberAt(src, e.eventId, e.content + DATA.length, tailStart);
  if (eventIdAt < 0) return false;
  cut.eventIdAt = eventIdAt;
  cut.tailStart = tailStart;
  return true;
};

/** What tailInPlace answers for columns it leaves to tailWritten: a string JSON escapes, a schema version of more than one digit. */
const UNSURE = -2;

/**
 * Where the content's tail starts, compared backwards from its end against the columns where they
 * lie (no copy: the common case); -1 when it is not there, UNSURE where tailWritten has to tell.
 */
const tailInPlace = (e: BinaryEventColumns, scratch: ByteWriter): number => {
  const src = e.src;
  const lower = e.content + DATA.length;
  let p = e.contentEnd - 1;
  if (src[p] !== 0x7d) return -1;
  p = jsonStringEndingAt(src, p, e.type, e.typeEnd, lower);
  if (p < 0) return p;
  p = constantEndingAt(src, p, TYPE, lower);
  if (p < 0) return p;
  p = jsonStringEndingAt(src, p, e.streamId, e.streamIdEnd, lower);
  if (p < 0) return p;
  p = constantEndingAt(src, p, STREAM_ID, lower);
  if (p < 0) return p;
  if (!(Number.isInteger(e.schemaVersion) && e.schemaVersion >= 0 && e.schemaVersion < 10)) return UNSURE;
  if (p <= lower || src[p - 1] !== ZERO + e.schemaVersion) return -1;
  p = constantEndingAt(src, p - 1, SCHEMA_VERSION, lower);
  if (p < 0) return p;
  scratch.reset();
  writeRecordedAt(e.recordedAtMicros, scratch);
  p = constantEndingAt(src, p, scratch.buf, lower, scratch.at);
  return p < 0 ? p : constantEndingAt(src, p, RECORDED_AT, lower);
};

/** Where `constant` (its first `length` bytes) starts if it ends at `end` of `src`, not before `lower`; -1 otherwise. */
const constantEndingAt = (src: Uint8Array, end: number, constant: Uint8Array, lower: number, length = constant.length): number => {
  const start = end - length;
  if (start < lower) return -1;
  for (let i = 0; i < length; i += 1) if (src[start + i] !== constant[i]) return -1;
  return start;
};

/**
 * Where the JSON string of text [start, stop) of `src` starts if it ends at `end`, not before
 * `lower`: the text between quotes as it is; -1 if not; UNSURE when the text holds a character JSON escapes.
 */
const jsonStringEndingAt = (src: Uint8Array, end: number, start: number, stop: number, lower: number): number => {
  const open = end - 2 - (stop - start);
  if (open >= lower && src[open] === QUOTE && src[end - 1] === QUOTE) {
    let i = start;
    for (let o = open + 1; i < stop; i += 1, o += 1) {
      const c = src[i];
      if (c !== src[o] || c < 0x20 || c === QUOTE || c === 0x5c) break;
    }
    if (i === stop) return open;
  }
  for (let i = start; i < stop; i += 1) if (src[i] < 0x20 || src[i] === QUOTE || src[i] === 0x5c) return UNSURE;
  return -1;
};

/** Where the content's tail starts, written out in `scratch` from the columns and compared; -1 when it is not there. */
const tailWritten = (e: BinaryEventColumns, scratch: ByteWriter): number => {
  const src = e.src;
  scratch.reset();
  writeTail(BYTES_TAIL, scratch, e);
  const tail = scratch.at;
  const tailStart = e.contentEnd - tail;
  if (tailStart < e.content + DATA.length) return -1;
  for (let i = 0; i < tail; i += 1) if (src[tailStart + i] !== scratch.buf[i]) return -1;
  return tailStart;
};

/** A uuid's 16 bytes at `at` of `src` as its text form (uuid_out), into `into` at `o`: lowercase hex in groups of 8-4-4-4-12. */
export const writeUuid = (src: Uint8Array, at: number, into: Uint8Array, o: number): void => {
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) into[o++] = DASH;
    into[o++] = HEX[src[at + i] >> 4];
    into[o++] = HEX[src[at + i] & 15];
  }
};

/**
 * JSON.stringify of UTF-8 text: copied between quotes in the same pass that looks for a character
 * JSON escapes; where there is one, what was copied is written over with JSON.stringify's text.
 */
export const writeJsonString = (src: Uint8Array, start: number, end: number, out: ByteWriter): void => {
  out.ensure(end - start + 2);
  const buf = out.buf;
  let o = out.at;
  buf[o++] = QUOTE;
  for (let i = start; i < end; i += 1) {
    const c = src[i];
    if (c < 0x20 || c === QUOTE || c === 0x5c) {
      out.utf8(JSON.stringify(Buffer.from(src.buffer, src.byteOffset + start, end - start).toString('utf8')));
      return;
    }
    buf[o++] = c;
  }
  buf[o++] = QUOTE;
  out.at = o;
};

let cachedDay = NaN;
let cachedDate = Buffer.alloc(0);

/** recordedAtText's bytes; the time of day written digit by digit after the day's remembered date. */
export const writeRecordedAt = (micros: number, out: ByteWriter): void => {
  const ms = PG_EPOCH_MS + Math.floor(micros / 1000);
  const day = Math.floor(ms / DAY_MS);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    out.latin1(recordedAtText(micros));
    return;
  }
  if (day !== cachedDay) {
    cachedDate = Buffer.from(recordedAtText(micros).slice(0, -13));
    cachedDay = day;
  }
  out.all(cachedDate);
  out.ensure(13);
  const buf = out.buf;
  let t = ms - day * DAY_MS;
  const milli = t % 1000;
  t = (t - milli) / 1000;
  const s = t % 60;
  t = (t - s) / 60;
  const m = t % 60;
  const h = (t - m) / 60;
  let o = out.at;
  buf[o++] = ZERO + Math.floor(h / 10);
  buf[o++] = ZERO + (h % 10);
  buf[o++] = 58;
  buf[o++] = ZERO + Math.floor(m / 10);
  buf[o++] = ZERO + (m % 10);
  buf[o++] = 58;
  buf[o++] = ZERO + Math.floor(s / 10);
  buf[o++] = ZERO + (s % 10);
  buf[o++] = 46;
  buf[o++] = ZERO + Math.floor(milli / 100);
  buf[o++] = ZERO + (Math.floor(milli / 10) % 10);
  buf[o++] = ZERO + (milli % 10);
  buf[o++] = 90;
  out.at = o;
};

/**
 * What `to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` prints (the row
 * path's recordedAt, see eventColumns) for microseconds since 2000-01-01 UTC: milliseconds
 * truncated towards the past; the year as to_char's YYYY (at least four digits, BC years counted from 1).
 */
export const recordedAtText = (micros: number): string => {
  const d = new Date(PG_EPOCH_MS + Math.floor(micros / 1000));
  const y = d.getUTCFullYear();
  return (
    `${String(y <= 0 ? 1 - y : y).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}Z`
  );
};

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
