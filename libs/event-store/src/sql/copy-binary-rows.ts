import { ByteWriter } from './byte-writer';

/** What COPY … WITH (FORMAT binary) starts with: signature, then flags and header extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;
const TRAILER = -1;

/**
 * Whole rows of a COPY binary output, in a buffer of their own (its ArrayBuffer can be handed to a
 * thread without a copy) with where each field lies: `fields` holds, row after row and column
 * after column, the field's [start, end) in `data`; start is -1 for NULL.
 */
export interface CopiedRows {
  data: Buffer;
  fields: Int32Array;
  rows: number;
}

/**
 * Cuts the chunks of a COPY binary output into batches of whole rows, `size(read)` rows each
 * (`read`: rows in earlier batches) until the output ends. Each chunk is copied once, into the
 * batch it belongs to; a row cut by a chunk's end waits for the next chunk.
 */
export async function* copyRowBatches(
  chunks: AsyncIterable<Buffer>,
  columns: number,
  size: (read: number) => number,
): AsyncGenerator<CopiedRows> {
  const cutter = new RowCutter(columns);
  let read = 0;
  let target = size(0);
  for await (const chunk of chunks) {
    cutter.append(chunk);
    for (;;) {
      if (!cutter.nextRow()) break;
      if (cutter.rows < target) continue;
      const batch = cutter.cut();
      read += batch.rows;
      target = size(read);
      yield batch;
    }
  }
  if (!cutter.ended) throw new Error('COPY output ended inside a row');
  if (cutter.rows > 0) yield cutter.cut();
}

/**
 * The whole output of a COPY binary in one batch, every field required: a NULL is refused. The
 * chunks are joined once and cut where they lie, as a batch of rows needs no room to grow: into a
 * buffer of their own, or into `into`, reused from batch to batch (the rows lie there until its
 * next use), which spares allocating and faulting in a few MB each time.
 */
export const copiedRowsOf = async (chunks: AsyncIterable<Buffer>, columns: number, into?: ByteWriter): Promise<CopiedRows> => {
  let whole: Buffer;
  if (into) {
    into.reset();
    for await (const chunk of chunks) into.bytes(chunk, 0, chunk.length);
    whole = into.view();
  } else {
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    whole = Buffer.concat(parts);
  }
  const cutter = new RowCutter(columns, whole);
  while (cutter.nextRow());
  if (!cutter.ended) throw new Error('COPY output ended inside a row');
  const rows = cutter.read();
  if (rows.fields.includes(-1)) throw new Error('COPY field is NULL');
  return rows;
};

class RowCutter {
  private data: Buffer;
  private length: number;
  private at = 0;
  private fields = new Int32Array(1 << 14);
  private field = 0;
  private headerRead = false;
  rows = 0;
  ended = false;

  /** `whole`: the output already in one buffer, cut where it lies; else chunks come by `append`. */
  constructor(
    private readonly columns: number,
    whole?: Buffer,
  ) {
    this.data = whole ?? Buffer.allocUnsafeSlow(1 << 20);
    this.length = whole?.length ?? 0;
  }

  append(chunk: Buffer): void {
    if (this.length + chunk.length > this.data.length)
      this.data = this.moved(Math.max(2 * this.data.length, this.length + chunk.length), 0);
    chunk.copy(this.data, this.length);
    this.length += chunk.length;
  }

  /** Reads the next whole row, if the bytes are there; false otherwise (or after the trailer). */
  nextRow(): boolean {
    if (this.ended) return false;
    const d = this.data;
    if (!this.headerRead) {
      if (this.length < HEADER) return false;
      if (!d.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not COPY binary output');
      const end = HEADER + d.readInt32BE(HEADER - 4);
      if (this.length < end) return false;
      this.at = end;
      this.headerRead = true;
    }
    if (this.length < this.at + 2) return false;
    const count = d.readInt16BE(this.at);
    if (count === TRAILER) {
      this.ended = true;
      return false;
    }
    if (count !== this.columns) throw new Error(`COPY row of ${count} fields, ${this.columns} expected`);
    if (this.field + 2 * count > this.fields.length) {
      const grown = new Int32Array(2 * this.fields.length);
      grown.set(this.fields);
      this.fields = grown;
    }
    let p = this.at + 2;
    let f = this.field;
    for (let c = 0; c < count; c += 1) {
      if (this.length < p + 4) return false;
      const n = d.readInt32BE(p);
      p += 4;
      if (n < 0) {
        this.fields[f++] = -1;
        this.fields[f++] = -1;
        continue;
      }
      if (this.length < p + n) return false;
      this.fields[f++] = p;
      this.fields[f++] = p += n;
    }
    this.at = p;
    this.field = f;
    this.rows += 1;
    return true;
  }

  /** The rows read so far, where they lie (the buffer is not the cutter's to reuse after this). */
  read(): CopiedRows {
    return { data: this.data.subarray(0, this.at), fields: this.fields.subarray(0, this.field), rows: this.rows };
  }

  /** The rows read so far as a batch; the bytes after them start the next one. */
  cut(): CopiedRows {
    const batch = { data: this.data.subarray(0, this.at), fields: this.fields.slice(0, this.field), rows: this.rows };
    const rest = this.length - this.at;
    this.data = this.moved(Math.max(this.data.length, rest), this.at);
    this.length = rest;
    this.at = 0;
    this.field = 0;
    this.rows = 0;
    return batch;
  }

  /** A new buffer of `size` bytes holding the unread bytes from `from` on (never the one handed out). */
  private moved(size: number, from: number): Buffer {
    const next = Buffer.allocUnsafeSlow(size);
    this.data.copy(next, 0, from, this.length);
    return next;
  }
}

/** A COPY binary int8 (big-endian) at `at` as a number: exact below 2^53, which positions, versions and leaf indexes stay. */
export const readInt64 = (d: Uint8Array, at: number): number =>
  ((d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3]) * 4_294_967_296 +
  ((d[at + 4] << 24) >>> 0) +
  ((d[at + 5] << 16) | (d[at + 6] << 8) | d[at + 7]);

/** A COPY binary int4 (big-endian) at `at`. */
export const readInt32 = (d: Uint8Array, at: number): number => (d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3];
