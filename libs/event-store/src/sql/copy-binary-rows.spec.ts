import { copyOutput, int32, int64 } from '../testing/copy-binary-output';
import { copiedRowsOf, copyRowBatches, CopiedRows, readInt32, readInt64 } from './copy-binary-rows';

async function* chunksOf(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

const fieldsOf = ({ data, fields, rows }: CopiedRows): Array<Array<string | null>> => {
  const columns = fields.length / rows / 2;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => {
      const start = fields[2 * (r * columns + c)];
      return start < 0 ? null : data.toString('utf8', start, fields[2 * (r * columns + c) + 1]);
    }),
  );
};

const collect = async (batches: AsyncIterable<CopiedRows>): Promise<CopiedRows[]> => {
  const all: CopiedRows[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
};

const ROWS = Array.from({ length: 7 }, (_, i) => [Buffer.from(`stream-${i}`), i % 3 === 0 ? null : Buffer.from('é'.repeat(i))]);
const EXPECTED = ROWS.map((row) => row.map((field) => (field === null ? null : field.toString())));

describe('copyRowBatches', () => {
  it.each([1, 3, 17, 4096])('cuts whole rows in batches of the asked size, chunks of %i bytes cut anywhere', async (chunk) => {
    const batches = await collect(copyRowBatches(chunksOf(copyOutput(ROWS, Buffer.from('ext')), chunk), 2, () => 3));
    expect(batches.map((b) => b.rows)).toEqual([3, 3, 1]);
    expect(batches.flatMap(fieldsOf)).toEqual(EXPECTED);
  });

  it('asks for the next batch size with the rows read so far', async () => {
    const asked: number[] = [];
    const size = (read: number) => (asked.push(read), read === 0 ? 2 : 4);
    const batches = await collect(copyRowBatches(chunksOf(copyOutput(ROWS), 5), 2, size));
    expect(batches.map((b) => b.rows)).toEqual([2, 4, 1]);
    expect(asked).toEqual([0, 2, 6]);
  });

  it('hands out buffers that later chunks do not overwrite', async () => {
    const batches: CopiedRows[] = [];
    for await (const batch of copyRowBatches(chunksOf(copyOutput(ROWS), 2), 2, () => 1)) batches.push(batch);
    expect(batches.flatMap(fieldsOf)).toEqual(EXPECTED);
  });

  it('yields nothing for an output without rows', async () => {
    expect(await collect(copyRowBatches(chunksOf(copyOutput([]), 4), 2, () => 10))).toEqual([]);
  });

  it('refuses another format, a row of the wrong width and an output cut inside a row', async () => {
    await expect(collect(copyRowBatches(chunksOf(Buffer.from('stream-1\tx\n'.repeat(3)), 8), 2, () => 1))).rejects.toThrow(
      'not COPY binary output',
    );
    await expect(collect(copyRowBatches(chunksOf(copyOutput(ROWS), 8), 3, () => 1))).rejects.toThrow('COPY row of 2 fields, 3 expected');
    const whole = copyOutput(ROWS);
    await expect(collect(copyRowBatches(chunksOf(whole.subarray(0, whole.length - 9), 8), 2, () => 100))).rejects.toThrow(
      'COPY output ended inside a row',
    );
  });
});

describe('copiedRowsOf', () => {
  it('reads the whole output as one batch', async () => {
    const rows = ROWS.map((row) => row.map((field) => field ?? Buffer.from('-')));
    const whole = await copiedRowsOf(chunksOf(copyOutput(rows), 6), 2);
    expect(whole.rows).toBe(7);
    expect(fieldsOf(whole)).toEqual(rows.map((row) => row.map(String)));
  });

  it('refuses a NULL field', async () => {
    await expect(copiedRowsOf(chunksOf(copyOutput(ROWS), 64), 2)).rejects.toThrow('COPY field is NULL');
  });
});

describe('readInt64 and readInt32', () => {
  it.each([0n, 1n, 4_294_967_295n, 4_294_967_296n, 2n ** 53n - 1n])('read the big-endian int8 %s exactly', (n) => {
    expect(readInt64(int64(n), 0)).toBe(Number(n));
  });

  it.each([0, 1, 2_147_483_647, -1, -2_147_483_648])('read the big-endian int4 %i', (n) => {
    expect(readInt32(int32(n), 0)).toBe(n);
  });
});
