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

/** The event id's member, `,"eventId":"<36 characters>","metadata":`, its id written in place for each event. */
const UUID_AT = EVENT_ID_KEY.length;
const member = Buffer.from(`${EVENT_ID_KEY}${'0'.repeat(36)}${METADATA_KEY}`);

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
export const columnsAgreeWithContent = (e: BinaryEventColumns, scratch: ByteWriter): boolean => {
  const src = e.src;
  // recorded_at keeps microseconds, the content milliseconds: a stored value between two is not the content's.
  if (e.recordedAtMicros % 1000 !== 0 || e.contentEnd - e.content < DATA.length) return false;
  for (let i = 0; i < DATA.length; i += 1) if (src[e.content + i] !== DATA[i]) return false;
  scratch.reset();
  writeTail(BYTES_TAIL, scratch, e);
  const tail = scratch.at;
  const tailStart = e.contentEnd - tail;
  const dataStart = e.content + DATA.length;
  if (tailStart <= dataStart) return false;
  const expected = scratch.buf;
  for (let i = 0; i < tail; i += 1) if (src[tailStart + i] !== expected[i]) return false;
  const at = eventIdMemberStart(src, byteAt, dataStart, tailStart);
  if (at < 0) return false;
  writeUuid(src, e.eventId, member, UUID_AT);
  for (let i = 0; i < member.length; i += 1) if (src[at + i] !== member[i]) return false;
  return true;
};

/** A uuid's 16 bytes at `at` of `src` as its text form (uuid_out), into `into` at `o`: lowercase hex in groups of 8-4-4-4-12. */
const writeUuid = (src: Uint8Array, at: number, into: Uint8Array, o: number): void => {
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) into[o++] = DASH;
    into[o++] = HEX[src[at + i] >> 4];
    into[o++] = HEX[src[at + i] & 15];
  }
};

/** JSON.stringify of UTF-8 text: copied between quotes as it is checked, unless it holds a character JSON escapes. */
const writeJsonString = (src: Uint8Array, start: number, end: number, out: ByteWriter): void => {
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
const writeRecordedAt = (micros: number, out: ByteWriter): void => {
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
