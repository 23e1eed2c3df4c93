import { canonicalJson } from '../canonical-json';
import { ByteWriter, copyBytes } from './byte-writer';
import { canonicalJsonOfJsonbText } from './jsonb-canonical';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const SPACE = 32;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * canonicalJsonOfJsonbText on bytes: jsonb's printed text (UTF-8) in `src` [start, end) is written
 * canonical into `out`, byte by byte in one pass, with no string made for the common case. The
 * separators' spaces are dropped as the bytes are copied; an object whose keys are out of order
 * has its members (already canonical) moved into order in place. Whatever the string version
 * treats specially is left to it: a key with an escape or a non-ASCII byte (UTF-8 and UTF-16 order
 * can differ), a duplicate key, text outside jsonb's form. A string value with an escape and a
 * number JavaScript prints otherwise are re-written token by token, as the string version does.
 * Throws where canonicalJsonOfJsonbText throws (a number JSON cannot carry).
 */
export const writeCanonicalJsonbText = (src: Uint8Array, start: number, end: number, out: ByteWriter): void => {
  const from = out.at;
  if (scanner.run(src, start, end, out)) return;
  out.at = from;
  out.utf8(canonicalJsonOfJsonbText(Buffer.from(src.buffer, src.byteOffset + start, end - start).toString('utf8')));
};

/** Member spans of the objects being written, as offsets into the output: member start, key end, member end. */
class MemberStack {
  spans = new Int32Array(3 * 64);
  top = 0;

  push(start: number, keyEnd: number, end: number): void {
    if (this.top + 3 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[this.top++] = start;
    this.spans[this.top++] = keyEnd;
    this.spans[this.top++] = end;
  }
}

class ByteScanner {
  private src: Uint8Array = new Uint8Array(0);
  private end = 0;
  private p = 0;
  private out: ByteWriter = new ByteWriter(0);
  private readonly members = new MemberStack();
  private order: number[] = [];
  private moved = Buffer.allocUnsafe(4096);

  /** False when the text is not in jsonb's printed form, or holds what the string version must decide. */
  run(src: Uint8Array, start: number, end: number, out: ByteWriter): boolean {
    this.src = src;
    this.p = start;
    this.end = end;
    this.out = out;
    this.members.top = 0;
    // Copied bytes never outnumber the bytes read; token re-writes make room of their own.
    out.ensure(end - start);
    return this.value() && this.p === end;
  }

  private value(): boolean {
    const c = this.src[this.p];
    if (c === OPEN_BRACE) return this.object();
    if (c === OPEN_BRACKET) return this.array();
    if (c === QUOTE) return this.string(false) >= 0;
    return this.scalar();
  }

  /** The separator after a member or element: `, ` (true), or the closing `close` (false); -1 for anything else. */
  private separator(close: number): number {
    const c = this.src[this.p];
    if (c === close) {
      this.p += 1;
      return 0;
    }
    if (c !== COMMA || this.src[this.p + 1] !== SPACE) return -1;
    this.p += 2;
    return 1;
  }

  private object(): boolean {
    const out = this.out;
    const open = out.at;
    out.buf[out.at++] = OPEN_BRACE;
    this.p += 1;
    if (this.src[this.p] === CLOSE_BRACE) {
      this.p += 1;
      out.buf[out.at++] = CLOSE_BRACE;
      return true;
    }
    const first = this.members.top;
    let sorted = true;
    for (;;) {
      if (this.src[this.p] !== QUOTE) return false;
      const start = out.at;
      const keyEnd = this.string(true);
      if (keyEnd < 0 || this.src[this.p] !== COLON || this.src[this.p + 1] !== SPACE) return false;
      this.p += 2;
      out.buf[out.at++] = COLON;
      if (!this.value()) return false;
      if (this.members.top > first) {
        const order = this.compareKeys(this.members.top - 3, start, keyEnd);
        if (order === 0) return false; // a duplicate key: the string version's fallback decides
        if (order > 0) sorted = false;
      }
      this.members.push(start, keyEnd, out.at);
      const more = this.separator(CLOSE_BRACE);
      if (more < 0) return false;
      if (more === 0) break;
      out.buf[out.at++] = COMMA;
    }
    if (!sorted && !this.reorder(first, open)) return false;
    this.members.top = first;
    out.buf[out.at++] = CLOSE_BRACE;
    return true;
  }

  /** Compares the key of the member at stack index `m` with the key at [start + 1, keyEnd) of the output. */
  private compareKeys(m: number, start: number, keyEnd: number): number {
    return compareSpans(this.out.buf, this.members.spans[m] + 1, this.members.spans[m + 1], start + 1, keyEnd);
  }

  /** Moves the members from stack index `first` on into key order, between `{` at `open` and the output's end; false on a duplicate. */
  private reorder(first: number, open: number): boolean {
    const out = this.out;
    const spans = this.members.spans;
    const order = this.order;
    order.length = 0;
    for (let m = first; m < this.members.top; m += 3) {
      let j = order.length - 1;
      while (j >= 0 && this.compareKeys(order[j], spans[m], spans[m + 1]) > 0) {
        order[j + 1] = order[j];
        j -= 1;
      }
      if (j >= 0 && this.compareKeys(order[j], spans[m], spans[m + 1]) === 0) return false;
      order[j + 1] = m;
    }
    const length = out.at - (open + 1);
    if (this.moved.length < length) this.moved = Buffer.allocUnsafe(Math.max(length, 2 * this.moved.length));
    copyBytes(out.buf, open + 1, out.at, this.moved, 0);
    out.at = open + 1;
    for (let i = 0; i < order.length; i += 1) {
      if (i > 0) out.buf[out.at++] = COMMA;
      const m = order[i];
      out.at = copyBytes(this.moved, spans[m] - open - 1, spans[m + 2] - open - 1, out.buf, out.at);
    }
    return true;
  }

  private array(): boolean {
    const out = this.out;
    out.buf[out.at++] = OPEN_BRACKET;
    this.p += 1;
    if (this.src[this.p] === CLOSE_BRACKET) {
      this.p += 1;
      out.buf[out.at++] = CLOSE_BRACKET;
      return true;
    }
    for (;;) {
      if (!this.value()) return false;
      const more = this.separator(CLOSE_BRACKET);
      if (more < 0) return false;
      if (more === 0) break;
      out.buf[out.at++] = COMMA;
    }
    out.buf[out.at++] = CLOSE_BRACKET;
    return true;
  }

  /**
   * A string token, copied; answers where its closing quote landed in the output, -1 when it is
   * not this form's. A key must be plain ASCII without escapes (its bytes then sort as UTF-16 does).
   */
  private string(key: boolean): number {
    const src = this.src;
    const out = this.out;
    const begin = this.p;
    const outBegin = out.at;
    const buf = out.buf;
    let at = out.at;
    buf[at++] = QUOTE;
    let i = begin + 1;
    for (;;) {
      if (i >= this.end) return -1;
      const c = src[i];
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (key) return -1;
        return this.escapedString(begin, outBegin);
      }
      if (key && c >= 0x80) return -1;
      buf[at++] = c;
      i += 1;
    }
    buf[at] = QUOTE;
    out.at = at + 1;
    this.p = i + 1;
    return at;
  }

  /** A string value with an escape: JSON.stringify(JSON.parse(token)), as the string version writes it. */
  private escapedString(begin: number, outBegin: number): number {
    let i = begin + 1;
    while (i < this.end && this.src[i] !== QUOTE) i += this.src[i] === BACKSLASH ? 2 : 1;
    if (i >= this.end) return -1;
    const token = Buffer.from(this.src.buffer, this.src.byteOffset + begin, i + 1 - begin).toString('utf8');
    this.p = i + 1;
    this.out.at = outBegin;
    this.out.utf8(JSON.stringify(JSON.parse(token) as string));
    this.out.ensure(this.end - this.p);
    return this.out.at - 1;
  }

  /** A number, true, false or null: up to the next delimiter; copied when JavaScript prints it as it stands. */
  private scalar(): boolean {
    const src = this.src;
    const begin = this.p;
    let i = begin;
    while (i < this.end) {
      const c = src[i];
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
      i += 1;
    }
    this.p = i;
    if (isLiteral(src, begin, i) || isPlainInteger(src, begin, i)) {
      this.out.bytes(src, begin, i);
      return true;
    }
    const token = Buffer.from(src.buffer, src.byteOffset + begin, i - begin).toString('latin1');
    if (!NUMBER.test(token)) return false;
    // What JSON.parse then canonicalJson make of it; canonicalJson refuses a non-finite number.
    this.out.latin1(canonicalJson(Number(token)));
    this.out.ensure(this.end - this.p);
    return true;
  }
}

const scanner = new ByteScanner();

/** Byte order of [a, aEnd) and [b, bEnd) of `buf`, shorter first on a common prefix. */
const compareSpans = (buf: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): number => {
  const n = Math.min(aEnd - a, bEnd - b);
  for (let i = 0; i < n; i += 1) {
    const d = buf[a + i] - buf[b + i];
    if (d !== 0) return d;
  }
  return aEnd - a - (bEnd - b);
};

/** true, false or null, by their bytes. */
const isLiteral = (src: Uint8Array, begin: number, end: number): boolean => {
  const n = end - begin;
  const c = src[begin];
  if (n === 4 && c === 0x74) return src[begin + 1] === 0x72 && src[begin + 2] === 0x75 && src[begin + 3] === 0x65;
  if (n === 4 && c === 0x6e) return src[begin + 1] === 0x75 && src[begin + 2] === 0x6c && src[begin + 3] === 0x6c;
  return n === 5 && c === 0x66 && src[begin + 1] === 0x61 && src[begin + 2] === 0x6c && src[begin + 3] === 0x73 && src[begin + 4] === 0x65;
};

/** Integers JavaScript prints digit for digit: below 2^53 in magnitude (at most 15 digits), no leading zero, no -0. */
const isPlainInteger = (src: Uint8Array, begin: number, end: number): boolean => {
  let i = src[begin] === MINUS ? begin + 1 : begin;
  const digits = end - i;
  if (digits === 1 && src[i] === ZERO) return i === begin;
  if (digits < 1 || digits > 15 || src[i] < ZERO + 1 || src[i] > NINE) return false;
  for (i += 1; i < end; i += 1) if (src[i] < ZERO || src[i] > NINE) return false;
  return true;
};
