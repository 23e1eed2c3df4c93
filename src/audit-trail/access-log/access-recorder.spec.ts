import { AccessEntry } from './access-entry';
import { AccessRecorder, AccessToRecord } from './access-recorder';
import { MemoryAccessLogStore } from './memory-access-log-store';
import { aRead } from './testing/a-read';

const read = (sub: string): AccessToRecord => aRead(sub);

/** A store that counts its appends and can be made to fail. */
class CountingStore extends MemoryAccessLogStore {
  appends: number[] = [];
  failing = false;
  override append(entries: readonly AccessEntry[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('database gone'));
    this.appends.push(entries.length);
    return super.append(entries);
  }
}

describe('the access recorder', () => {
  it('writes the batch once it is full, without waiting for the flush interval', async () => {
    const store = new CountingStore();
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 3, maxBuffered: 100 });
    ['a', 'b', 'c'].forEach((sub) => recorder.record(read(sub)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.appends).toEqual([3]);
    expect((await store.all()).map((r) => r.sub)).toEqual(['a', 'b', 'c']);
  });

  it('writes what arrived while a write was in flight in one append after it, in the order recorded', async () => {
    const store = new CountingStore();
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const append = store.append.bind(store);
    store.append = (entries) => gate.then(() => append(entries));
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 2, maxBuffered: 100 });
    ['a', 'b'].forEach((sub) => recorder.record(read(sub)));
    await new Promise((resolve) => setImmediate(resolve));
    ['c', 'd', 'e', 'f', 'g'].forEach((sub) => recorder.record(read(sub)));
    release();
    await recorder.flush();
    expect(store.appends).toEqual([2, 5]);
    expect((await store.all()).map((r) => r.sub)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('stamps each entry with the time it was recorded, not the time it was written', async () => {
    const store = new CountingStore();
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 100, maxBuffered: 100 }, () => now);
    recorder.record(read('a'));
    now += 1500;
    recorder.record(read('b'));
    recorder.record({ ...read('c'), at: '2026-01-01T00:00:00.000Z' });
    now += 60_000;
    await recorder.flush();
    expect((await store.all()).map((r) => r.at)).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:01.500Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('writes a batch that is not full after the flush interval', async () => {
    const store = new CountingStore();
    const recorder = new AccessRecorder(store, { flushAfterMs: 5, batchSize: 100, maxBuffered: 100 });
    recorder.record(read('a'));
    recorder.record(read('b'));
    expect(store.appends).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.appends).toEqual([2]);
  });

  it('writes what is buffered before the application shuts down', async () => {
    const store = new CountingStore();
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 100, maxBuffered: 100 });
    recorder.record(read('a'));
    await recorder.beforeApplicationShutdown();
    expect(store.appends).toEqual([1]);
  });

  it('keeps the entries when the store fails and writes them with the next flush', async () => {
    const store = new CountingStore();
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 100, maxBuffered: 100 });
    store.failing = true;
    recorder.record(read('a'));
    await recorder.flush();
    store.failing = false;
    recorder.record(read('b'));
    await recorder.flush();
    expect((await store.all()).map((r) => r.sub)).toEqual(['a', 'b']);
    await recorder.beforeApplicationShutdown();
  });

  it('chains every entry to the one before', async () => {
    const store = new CountingStore();
    const recorder = new AccessRecorder(store, { flushAfterMs: 60_000, batchSize: 2, maxBuffered: 100 });
    ['a', 'b', 'c'].forEach((sub) => recorder.record(read(sub)));
    await recorder.flush();
    const [first, second, third] = await store.all();
    expect(first.previousHash).toBe('');
    expect(second.previousHash).toBe(first.hash);
    expect(third.previousHash).toBe(second.hash);
  });
});
