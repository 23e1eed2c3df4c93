import { AppendWakeups } from './append-wakeups';

describe('AppendWakeups', () => {
  const LONG = 60_000;

  it('ends a wait at the next wake-up, long before its timeout', async () => {
    const wakeups = new AppendWakeups();
    const waited = wakeups.wait(LONG);
    wakeups.wake();
    await expect(waited).resolves.toBeUndefined();
  });

  it('ends a wait at once when a wake-up came after the count it was given (between a read and the wait)', async () => {
    const wakeups = new AppendWakeups();
    const seen = wakeups.count;
    wakeups.wake();
    await expect(wakeups.wait(LONG, seen)).resolves.toBeUndefined();
  });

  it('ends a wait when its signal aborts', async () => {
    const wakeups = new AppendWakeups();
    const abort = new AbortController();
    const waited = wakeups.wait(LONG, wakeups.count, abort.signal);
    abort.abort();
    await expect(waited).resolves.toBeUndefined();
  });

  it('otherwise waits for the timeout', async () => {
    const wakeups = new AppendWakeups();
    const started = Date.now();
    await wakeups.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
