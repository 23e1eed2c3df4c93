import { AppendBatcher, ItemResult } from './append-batcher';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('AppendBatcher', () => {
  it('writes a lone item at once and gathers the items that arrive meanwhile into the next write', async () => {
    const writes: number[][] = [];
    const gate = deferred();
    const batcher = new AppendBatcher<number, number>(
      async (items) => {
        writes.push(items);
        if (writes.length === 1) await gate.promise;
        return items.map((i) => ({ value: i * 10 }));
      },
      1,
      100,
    );
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    gate.resolve();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('answers each item on its own: one refused item does not fail the others', async () => {
    const batcher = new AppendBatcher<number, number>(
      async (items) => items.map((i): ItemResult<number> => (i === 2 ? { error: new Error('conflict') } : { value: i })),
      1,
      100,
    );
    const answers = await Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('keeps batches within maxBatch and fails every item of a write that throws', async () => {
    const sizes: number[] = [];
    const batcher = new AppendBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        if (items.includes(0)) throw new Error('lost connection');
        return items.map((value) => ({ value }));
      },
      1,
      2,
    );
    const answers = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => batcher.submit(i)));
    expect(sizes).toEqual([1, 2, 2]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  });
});
