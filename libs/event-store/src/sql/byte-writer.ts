/**
 * A growable output buffer, reused from one event to the next: the bytes a chain hash covers are
 * written here instead of being built as a JavaScript string and encoded again for the hash.
 */
export class ByteWriter {
  buf: Buffer;
  at = 0;

  constructor(size = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  reset(): void {
    this.at = 0;
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.at++] = b;
  }

  /** Bytes [start, end) of `src`. */
  bytes(src: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    this.at = copyBytes(src, start, end, this.buf, this.at);
  }

  /** All of `src`: a constant encoded once. */
  all(src: Uint8Array): void {
    this.bytes(src, 0, src.length);
  }

  /** A string of code points below U+0100 only (constants, digits, hex): one byte each. */
  latin1(s: string): void {
    this.ensure(s.length);
    this.at += this.buf.write(s, this.at, 'latin1');
  }

  /** A number as JSON (and PostgreSQL's int8out) writes it: digit by digit for a safe non-negative integer, without a string. */
  decimal(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) {
      this.latin1(String(n));
      return;
    }
    let digits = 1;
    for (let power = 10; power <= n; power *= 10) digits += 1;
    this.ensure(digits);
    this.at += digits;
    for (let o = this.at - 1, rest = n; o >= this.at - digits; o -= 1, rest = Math.floor(rest / 10)) this.buf[o] = 48 + (rest % 10);
  }

  utf8(s: string): void {
    this.ensure(3 * s.length);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  /** What was written since `start`. */
  view(start = 0): Buffer {
    return this.buf.subarray(start, this.at);
  }
}

/**
 * Copies [start, end) of `src` into `dst` at `at`, answering the end: short spans in a loop, which
 * costs a fraction of a `set` or `Buffer.copy` call (each makes a view and crosses into C++).
 */
export const copyBytes = (src: Uint8Array, start: number, end: number, dst: Uint8Array, at: number): number => {
  if (end - start > 64) {
    dst.set(src.subarray(start, end), at);
    return at + end - start;
  }
  for (let i = start; i < end; i += 1) dst[at++] = src[i];
  return at;
};
