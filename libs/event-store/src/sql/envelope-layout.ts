/**
 * Where the columns' values stand in an event's stored content, the canonical envelope (see
 * chainContent): its keys are sorted, so it is always
 * `{"data":…,"eventId":"<uuid>","metadata":…` and then the tail
 * `,"recordedAt":"…","schemaVersion":…,"streamId":…,"type":…}`.
 * Shared by the check on text (content-columns) and the one on COPY bytes (chain-content-bytes),
 * which differ only in how they read the content and write the columns.
 */
export const ENVELOPE_START = '{"data":';
export const EVENT_ID_KEY = ',"eventId":"';
export const METADATA_KEY = '","metadata":';
const UUID_TEXT_LENGTH = 36;

/** The tail's own text around its four values, in order. */
export const TAIL_PIECES = [',"recordedAt":"', '","schemaVersion":', ',"streamId":', ',"type":', '}'] as const;

/** How one representation (text or bytes) writes the tail's values from its kind of columns into its kind of output. */
export interface TailWriter<Out, Columns> {
  /** `TAIL_PIECES[index]`. */
  piece(out: Out, index: number): void;
  /** What to_char prints with `.MS`: the content's milliseconds, without quotes. */
  recordedAt(out: Out, c: Columns): void;
  schemaVersion(out: Out, c: Columns): void;
  /** The stream id as JSON.stringify writes it. */
  streamId(out: Out, c: Columns): void;
  /** The type as JSON.stringify writes it. */
  type(out: Out, c: Columns): void;
}

/** The tail the columns make, which a content agreeing with them ends in. */
export const writeTail = <Out, Columns>(w: TailWriter<Out, Columns>, out: Out, c: Columns): void => {
  w.piece(out, 0);
  w.recordedAt(out, c);
  w.piece(out, 1);
  w.schemaVersion(out, c);
  w.piece(out, 2);
  w.streamId(out, c);
  w.piece(out, 3);
  w.type(out, c);
  w.piece(out, 4);
};

/** A code unit of text or a byte of UTF-8: the layout's keys are ASCII and read the same in both. */
export type CodeAt<Source> = (s: Source, i: number) => number;

const KEY = METADATA_KEY.split('').map((c) => c.charCodeAt(0));
const KEY_END = KEY.length - 1;
/**
 * How far the search may move back when the window's first code is `c`: to where the key holds `c`
 * at its first place after the start (Horspool's rule, mirrored), by the whole key where it holds none.
 */
const SHIFT = new Uint8Array(128).fill(KEY.length);
for (let k = KEY_END; k >= 1; k -= 1) SHIFT[KEY[k]] = k;

/**
 * Where the event id's member `,"eventId":"<uuid>","metadata":` starts: metadata is the member right
 * before the tail, so its key is the last `","metadata":` before `tailStart`, searched back from there,
 * and the member has a fixed length before the key's colon. The search stops at the first key it meets,
 * so data, before the member, is never read: nothing data holds, `,"eventId":"…","metadata":` in a
 * nested object included, can stand in for the member. Metadata, the application's own members, holds
 * no member of that name. -1 where there is no such key with data before it.
 * Searched in JavaScript, skipping by the key's letters (most places move it several codes back): a
 * native lastIndexOf cost more per event than the whole search here.
 */
export const eventIdMemberStart = <Source>(s: Source, codeAt: CodeAt<Source>, dataStart: number, tailStart: number): number => {
  const floor = dataStart + EVENT_ID_KEY.length + UUID_TEXT_LENGTH;
  for (let at = tailStart - KEY.length; at > floor;) {
    if (codeAt(s, at + KEY_END) === KEY[KEY_END] && keyAt(s, codeAt, at)) return at - EVENT_ID_KEY.length - UUID_TEXT_LENGTH;
    const c = codeAt(s, at);
    at -= c < 128 ? SHIFT[c] : KEY.length;
  }
  return -1;
};

const keyAt = <Source>(s: Source, codeAt: CodeAt<Source>, at: number): boolean => {
  for (let k = 0; k < KEY_END; k += 1) if (codeAt(s, at + k) !== KEY[k]) return false;
  return true;
};
