import { canonicalJson } from '../canonical-json';

/**
 * `canonicalJson(JSON.parse(text))` for `text` as PostgreSQL prints a jsonb value (`data::text`),
 * without building the value: a full verification canonicalises every event of the log, and
 * parsing into objects and serialising them again cost more than reading the rows.
 *
 * jsonb prints one fixed form: `", "` between members and elements, `": "` after a key, keys
 * ordered by length then bytes, strings escaped exactly as `JSON.stringify` escapes them (only
 * `"`, `\`, `\b\f\n\r\t` and other characters below U+0020 as `\u00xx`). So a member's text is
 * copied as it stands and only the keys are put into canonical order; a number is re-written only
 * when JavaScript would print it otherwise (`1.50`, `1e+21`), and a string with an escape goes
 * through `JSON.stringify(JSON.parse(token))`. Anything outside that form (other whitespace,
 * duplicate keys) falls back to the definition itself, so the answer is always the reference's.
 */
export const canonicalJsonOfJsonbText = (text: string): string => {
  const scanner = new Scanner(text);
  const out = scanner.value();
  return out !== undefined && scanner.at === text.length ? out : canonicalJson(JSON.parse(text));
};

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const SPACE = 32;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Integers JavaScript prints digit for digit (below 2^53, no sign of zero). */
const PLAIN_INTEGER = /^-?[1-9][0-9]{0,14}$|^0$/;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

interface Member {
  key: string;
  text: string;
}

/** A recursive-descent reader of jsonb's output form; `undefined` from any method means "not that form". */
class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  value(): string | undefined {
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_BRACE) return this.object();
    if (c === OPEN_BRACKET) return this.array();
    if (c === QUOTE) return this.string()?.text;
    return this.scalar();
  }

  private object(): string | undefined {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at += 1;
      return '{}';
    }
    const members: Member[] = [];
    for (;;) {
      if (this.text.charCodeAt(this.at) !== QUOTE) return undefined;
      const key = this.string();
      if (!key || this.text.charCodeAt(this.at) !== COLON || this.text.charCodeAt(this.at + 1) !== SPACE) return undefined;
      this.at += 2;
      const value = this.value();
      if (value === undefined) return undefined;
      members.push({ key: key.decoded, text: `${key.text}:${value}` });
      const c = this.text.charCodeAt(this.at);
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA || this.text.charCodeAt(this.at + 1) !== SPACE) return undefined;
      this.at += 2;
    }
    this.at += 1;
    return sortedObject(members);
  }

  private array(): string | undefined {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at += 1;
      return '[]';
    }
    let out = '[';
    for (;;) {
      const value = this.value();
      if (value === undefined) return undefined;
      out += value;
      const c = this.text.charCodeAt(this.at);
      if (c === CLOSE_BRACKET) break;
      if (c !== COMMA || this.text.charCodeAt(this.at + 1) !== SPACE) return undefined;
      this.at += 2;
      out += ',';
    }
    this.at += 1;
    return `${out}]`;
  }

  /** A string token at `at`: its canonical text and its value. */
  private string(): { text: string; decoded: string } | undefined {
    const start = this.at;
    let end = start;
    for (;;) {
      end = this.text.indexOf('"', end + 1);
      if (end < 0) return undefined;
      let backslashes = 0;
      while (this.text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
      if (backslashes % 2 === 0) break;
    }
    this.at = end + 1;
    const token = this.text.slice(start, end + 1);
    if (token.indexOf('\\') < 0) return { text: token, decoded: token.slice(1, -1) };
    const decoded = JSON.parse(token) as string;
    return { text: JSON.stringify(decoded), decoded };
  }

  /** A number, true, false or null: up to the next delimiter. */
  private scalar(): string | undefined {
    const start = this.at;
    let i = start;
    for (;;) {
      const c = this.text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || Number.isNaN(c)) break;
      i += 1;
    }
    this.at = i;
    const token = this.text.slice(start, i);
    if (token === 'true' || token === 'false' || token === 'null' || PLAIN_INTEGER.test(token)) return token;
    if (!NUMBER.test(token)) return undefined;
    // What JSON.parse then canonicalJson make of it; canonicalJson refuses a non-finite number.
    return canonicalJson(Number(token));
  }
}

/** Members in canonical key order (UTF-16 code units), or undefined on a duplicate key. */
const sortedObject = (members: Member[]): string | undefined => {
  // Insertion sort: objects are small, and jsonb's order (length first) is often nearly this one.
  for (let i = 1; i < members.length; i += 1) {
    const m = members[i];
    let j = i - 1;
    while (j >= 0 && members[j].key > m.key) {
      members[j + 1] = members[j];
      j -= 1;
    }
    if (j >= 0 && members[j].key === m.key) return undefined;
    members[j + 1] = m;
  }
  let out = '{';
  for (let i = 0; i < members.length; i += 1) out += (i ? ',' : '') + members[i].text;
  return `${out}}`;
};

/**
 * `chainContent(streamId, e)` for an event whose data and metadata are jsonb text: the same
 * envelope in the same (sorted) key order, written out directly.
 */
export const chainContentOfJsonbText = (
  streamId: string,
  e: { eventId: string; type: string; schemaVersion: number; data: string; metadata: string; recordedAt: string },
): string =>
  `{"data":${canonicalJsonOfJsonbText(e.data)},"eventId":${JSON.stringify(e.eventId)},` +
  `"metadata":${canonicalJsonOfJsonbText(e.metadata)},"recordedAt":${JSON.stringify(e.recordedAt)},` +
  `"schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(e.type)}}`;
