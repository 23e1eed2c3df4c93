/** A COPY binary output as PostgreSQL writes it: signature, flags, an extension, rows (null: NULL), trailer. */
export const copyOutput = (rows: ReadonlyArray<ReadonlyArray<Buffer | null>>, extension = Buffer.alloc(0)): Buffer => {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), int32(extension.length), extension];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) parts.push(field === null ? int32(-1) : Buffer.concat([int32(field.length), field]));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
};

/** A field of type int4 as COPY binary sends it. */
export const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** A field of type int8 as COPY binary sends it. */
export const int64 = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
