import { AppendBatcher, ItemResult } from './append-batcher';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('AppendBatcher', () => {
  it('writes the items of one turn of the event loop together, and gathers those that arrive during a write into the next', async () => {
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
    const firstTurn = [1, 2].map((i) => batcher.submit(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1, 2]]);
    const during = [3, 4, 5].map((i) => batcher.submit(i));
    gate.resolve();
    expect(await Promise.all([...firstTurn, ...during])).toEqual([10, 20, 30, 40, 50]);
    expect(writes).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('lets the writers a write answers submit their next items together, not the first of them alone', async () => {
    const writes: number[][] = [];
    const batcher = new AppendBatcher<number, number>(
      async (items) => {
        writes.push(items);
        return items.map((value) => ({ value }));
      },
      1,
      100,
    );
    // Four writers, each appending its next item as soon as its last one is answered.
    await Promise.all(
      [0, 1, 2, 3].map(async (writer) => {
        for (let round = 0; round < 3; round += 1) await batcher.submit(round * 10 + writer);
      }),
    );
    expect(writes).toEqual([
      [0, 1, 2, 3],
      [10, 11, 12, 13],
      [20, 21, 22, 23],
    ]);
  });

  it('starts a second write while the first is in flight when maxInFlight allows it', async () => {
    const writes: number[][] = [];
    const gate = deferred();
    const batcher = new AppendBatcher<number, number>(
      async (items) => {
        writes.push(items);
        await gate.promise;
        return items.map((value) => ({ value }));
      },
      2,
      100,
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.submit(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1], [2]]);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
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
    expect(sizes).toEqual([2, 2, 1]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('tells its timer how long each item queued, how long the write took and how many items it refused', async () => {
    const timings: { queuedMs: number[]; writeMs: number; failed: number }[] = [];
    const gate = deferred();
    const batcher = new AppendBatcher<number, number>(
      async (items) => {
        if (items.includes(1)) await gate.promise;
        if (items.includes(9)) throw new Error('lost connection');
        return items.map((i): ItemResult<number> => (i === 3 ? { error: new Error('conflict') } : { value: i }));
      },
      1,
      100,
      (queuedMs, writeMs, failed) => timings.push({ queuedMs, writeMs, failed }),
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    // These wait for the only slot while the first write is held.
    const waiting = [2, 3].map((i) => batcher.submit(i));
    await new Promise((resolve) => setTimeout(resolve, 30));
    gate.resolve();
    await Promise.allSettled([first, ...waiting]);
    await batcher.submit(9).catch(() => undefined);
    expect(timings.map((t) => [t.queuedMs.length, t.failed])).toEqual([
      [1, 0],
      [2, 1],
      [1, 1],
    ]);
    expect(timings[0].writeMs).toBeGreaterThanOrEqual(25);
    expect(Math.min(...timings[1].queuedMs)).toBeGreaterThanOrEqual(25);
    expect(timings[2].queuedMs[0]).toBeLessThan(25);
  });
});
