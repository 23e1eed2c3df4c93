/** What COPY … WITH (FORMAT binary) starts with: signature, flags, header extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;
const TRAILER = -1;

/**
 * Where each field of each row lies in a whole COPY binary output of `columns` non-null columns:
 * [start, end) byte offsets, row after row, field after field. Offsets rather than copies, so
 * that the caller takes out only what it needs and passes the rest on as bytes.
 */
export const binaryCopyFields = (data: Buffer, columns: number): Int32Array => {
  if (data.length < HEADER + 2 || !data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not COPY binary output');
  let at = HEADER + data.readInt32BE(HEADER - 4);
  let fields = new Int32Array(1024);
  let n = 0;
  for (let count = data.readInt16BE(at); count !== TRAILER; count = data.readInt16BE(at)) {
    if (count !== columns) throw new Error(`COPY row of ${count} fields, ${columns} expected`);
    at += 2;
    if (n + 2 * columns > fields.length) {
      const grown = new Int32Array(fields.length * 2);
      grown.set(fields);
      fields = grown;
    }
    for (let c = 0; c < columns; c += 1) {
      const length = data.readInt32BE(at);
      if (length < 0) throw new Error('COPY field is NULL');
      fields[n++] = at + 4;
      fields[n++] = at += 4 + length;
    }
  }
  return fields.subarray(0, n);
};
