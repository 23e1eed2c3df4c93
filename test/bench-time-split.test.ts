import { channel } from 'node:diagnostics_channel';
import { APPEND_TIMINGS, AppendTiming, CHECKOUT_TIMINGS, CheckoutTiming } from '@lotse/event-store';
import { ServerTimeSplit } from '../bench/server-time-split';
import { StallCauses } from '../bench/stall-causes';
import { describeTimeSplit } from '../bench/time-split-report';

/** The bench's split of an HTTP process's time per answer: what it gathers from the store's channels, and how the report words it. */
describe('the bench server time split', () => {
  const append = (timing: AppendTiming) => channel(APPEND_TIMINGS).publish(timing);
  const checkout = (timing: CheckoutTiming) => channel(CHECKOUT_TIMINGS).publish(timing);
  let split: ServerTimeSplit;
  beforeEach(() => (split = new ServerTimeSplit()));
  afterEach(() => split.stop());

  it('counts every append of a statement with the statement’s time, and the refused and the opened connections', () => {
    for (const ms of [10, 10, 20, 40]) split.answered(ms);
    append({ queuedMs: [1, 3], writeMs: 4, refused: 0 });
    append({ queuedMs: [2, 2], writeMs: 8, refused: 1 });
    checkout({ waitMs: 0.01, heldMs: 4, opened: false });
    checkout({ waitMs: 6, heldMs: 8, opened: true });
    const read = split.read();
    // The histograms keep about three significant digits.
    const near = (expected: number) => ({ asymmetricMatch: (n: number) => Math.abs(n - expected) <= expected * 0.01 });
    expect(read.request).toMatchObject({ count: 4, meanMs: near(20), maxMs: near(40) });
    expect(read.appendQueued).toMatchObject({ count: 4, meanMs: near(2) });
    expect(read.appendWrite).toMatchObject({ count: 4, meanMs: near(6), maxMs: near(8) });
    expect(read).toMatchObject({ appendStatements: 2, appendsRefused: 1, connectionsOpened: 1 });
    expect(read.poolWait).toMatchObject({ count: 2, maxMs: near(6) });
    // Per answer: 2 queued + 6 in statements, the rest of the 20 ms mean is the process's own.
    expect(describeTimeSplit(read, undefined, 31)).toContain("(autocannon's mean 31)");
    expect(describeTimeSplit(read, undefined)).toContain('= appends queued 2.0 + append statements 6.0 + the rest 12 ms per answer');
  });

  it('starts anew on reset and hears nothing once stopped', () => {
    split.answered(5);
    append({ queuedMs: [1], writeMs: 1, refused: 1 });
    split.reset();
    expect(split.read()).toMatchObject({ request: { count: 0 }, appendQueued: { count: 0 }, appendsRefused: 0 });
    split.stop();
    append({ queuedMs: [1], writeMs: 1, refused: 0 });
    expect(split.read().appendStatements).toBe(0);
  });

  it('words a process without appends by its answers and pauses alone', () => {
    split.answered(1);
    const text = describeTimeSplit(split.read(), {
      loopP50Ms: 0.5,
      loopP99Ms: 12,
      loopMaxMs: 30,
      gcCount: 2,
      gcMs: 9,
      gcLongestMs: 6,
      majorMs: 0,
      stalls: { stalls: 3, lateMs: 40, onCpuMs: 25, offCpuMs: 15 },
    });
    expect(text).not.toContain('appends');
    expect(text).toContain('event loop late p50 0.50, p99 12, max 30 ms; 3 stalls ≥ 5 ms, 40 ms late in all, at most 25 of it on a CPU');
    expect(text).toContain('GC 9.0 ms in 2 pauses, longest 6.0');
  });
});

describe('the bench stall causes', () => {
  it('counts a late tick as on a CPU as far as the process ran, the rest as off, and ignores ticks nearly on time', () => {
    const causes = new StallCauses();
    try {
      causes.reset();
      causes.record(2, 0);
      // A long task: 30 ms late, 38 ms of CPU in the interval.
      causes.record(30, 38);
      // Preempted: 20 ms late, 1 ms of CPU.
      causes.record(20, 1);
      expect(causes.read()).toEqual({ stalls: 2, lateMs: 50, onCpuMs: 31, offCpuMs: 19 });
    } finally {
      causes.stop();
    }
  });

  it('finds a real long task on this thread', async () => {
    const causes = new StallCauses();
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      causes.reset();
      await new Promise((resolve) => setTimeout(resolve, 15));
      const until = performance.now() + 60;
      while (performance.now() < until);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const { stalls, lateMs, onCpuMs } = causes.read();
      expect(stalls).toBeGreaterThanOrEqual(1);
      expect(lateMs).toBeGreaterThanOrEqual(40);
      expect(onCpuMs).toBeGreaterThan(0);
    } finally {
      causes.stop();
    }
  });
});
