import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in order, and other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const step = (key: string, n: number, ms: number) =>
      mutex.run(key, async () => {
        log.push(`${key}${n} start`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${key}${n} end`);
        return n;
      });
    const results = await Promise.all([step('a', 1, 30), step('a', 2, 1), step('b', 1, 5)]);
    expect(results).toEqual([1, 2, 1]);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('goes on after a failure', async () => {
    const mutex = new KeyedMutex();
    await expect(
      mutex.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 'next')).resolves.toBe('next');
  });
});
