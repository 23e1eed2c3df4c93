import { batches, PAUSE, withPauses } from './batches';

/** A source the test feeds by hand: each `push` is the next item, `end` finishes it. */
const manualSource = <T>() => {
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  const ready: IteratorResult<T>[] = [];
  const deliver = (result: IteratorResult<T>) => {
    const take = waiting.shift();
    if (take) take(result);
    else ready.push(result);
  };
  return {
    push: (value: T) => deliver({ value, done: false }),
    end: () => deliver({ value: undefined, done: true }),
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const result = ready.shift();
        return result ? Promise.resolve(result) : new Promise<IteratorResult<T>>((resolve) => waiting.push(resolve));
      },
    }),
  };
};

const collect = async <T>(source: AsyncIterable<T[]>) => {
  const out: T[][] = [];
  for await (const batch of source) out.push(batch);
  return out;
};

describe('batches', () => {
  it('cuts a batch at its maximum size and gives the rest when the source ends', async () => {
    async function* numbers() {
      for (let i = 1; i <= 7; i++) yield i;
    }
    expect(await collect(batches(numbers(), 3, 1_000))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('cuts a batch short when its window has passed since its first item, and starts the next window with the next item', async () => {
    const source = manualSource<number>();
    const seen: number[][] = [];
    const done = (async () => {
      for await (const batch of batches(source, 100, 200)) seen.push(batch);
    })();
    source.push(1);
    source.push(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toEqual([[1, 2]]);
    // Long after the first window: the next batch waits its own window, not the old one's.
    source.push(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([[1, 2]]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toEqual([[1, 2], [3]]);
    source.end();
    await done;
    expect(seen).toEqual([[1, 2], [3]]);
  });

  it('leaves no timer behind when the consumer stops early', async () => {
    async function* endless() {
      for (let i = 0; ; i++) yield i;
    }
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    for await (const batch of batches(endless(), 2, 60_000)) {
      expect(batch).toEqual([0, 1]);
      break;
    }
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});

describe('withPauses', () => {
  it('passes every item on, and one PAUSE for each quiet spell, however long', async () => {
    const source = manualSource<number>();
    const out: (number | typeof PAUSE)[] = [];
    const done = (async () => {
      for await (const item of withPauses(source, 30)) out.push(item);
    })();
    source.push(1);
    source.push(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    source.push(3);
    await new Promise((resolve) => setTimeout(resolve, 150));
    source.end();
    await done;
    expect(out).toEqual([1, 2, PAUSE, 3, PAUSE]);
  });
});
