import { constants, IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { StallCauses, StallFigures } from './stall-causes';

/** Where a process's requests waited on something other than their own work, since the last reset. */
export interface PauseFigures {
  /** The event loop's delay (how late a 10 ms timer fired: a long task or GC pause held it), p50, p99 and longest, in ms. */
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** Garbage collection: pauses, their total and the longest, in ms; `majorMs` = the longest mark-compact pause. */
  gcCount: number;
  gcMs: number;
  gcLongestMs: number;
  majorMs: number;
  /** The loop's stalls (≥ 5 ms late), split by whether the process was on a CPU meanwhile. */
  stalls: StallFigures;
}

const RESOLUTION_MS = 10;

/**
 * The event loop's stalls and the GC pauses of this process (the main thread only: a worker thread
 * has a loop of its own), so a row's p99 can be set beside what held the requests.
 */
export class Pauses {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly gc = { count: 0, total: 0, longest: 0, major: 0 };
  private readonly stalls = new StallCauses();
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gc.count += 1;
      this.gc.total += entry.duration;
      this.gc.longest = Math.max(this.gc.longest, entry.duration);
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        this.gc.major = Math.max(this.gc.major, entry.duration);
    }
  });

  constructor() {
    this.loop.enable();
    this.observer.observe({ entryTypes: ['gc'] });
  }

  reset(): void {
    this.loop.reset();
    this.stalls.reset();
    Object.assign(this.gc, { count: 0, total: 0, longest: 0, major: 0 });
  }

  read(): PauseFigures {
    // The histogram holds the whole interval between the timer's firings: lateness is what exceeds it.
    const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    return {
      loopP50Ms: this.loop.count > 0 ? ms(this.loop.percentile(50)) : 0,
      loopP99Ms: this.loop.count > 0 ? ms(this.loop.percentile(99)) : 0,
      loopMaxMs: this.loop.count > 0 ? ms(this.loop.max) : 0,
      gcCount: this.gc.count,
      gcMs: this.gc.total,
      gcLongestMs: this.gc.longest,
      majorMs: this.gc.major,
      stalls: this.stalls.read(),
    };
  }

  stop(): void {
    this.loop.disable();
    this.stalls.stop();
    this.observer.disconnect();
  }
}

/** Several processes as one server: the worst stall and pause of any, GC time and count of all. */
export const worstPauses = (all: PauseFigures[]): PauseFigures => ({
  loopP50Ms: Math.max(0, ...all.map((p) => p.loopP50Ms)),
  loopP99Ms: Math.max(0, ...all.map((p) => p.loopP99Ms)),
  loopMaxMs: Math.max(0, ...all.map((p) => p.loopMaxMs)),
  gcCount: all.reduce((sum, p) => sum + p.gcCount, 0),
  gcMs: all.reduce((sum, p) => sum + p.gcMs, 0),
  gcLongestMs: Math.max(0, ...all.map((p) => p.gcLongestMs)),
  majorMs: Math.max(0, ...all.map((p) => p.majorMs)),
  stalls: {
    stalls: all.reduce((sum, p) => sum + p.stalls.stalls, 0),
    lateMs: all.reduce((sum, p) => sum + p.stalls.lateMs, 0),
    onCpuMs: all.reduce((sum, p) => sum + p.stalls.onCpuMs, 0),
    offCpuMs: all.reduce((sum, p) => sum + p.stalls.offCpuMs, 0),
  },
});
