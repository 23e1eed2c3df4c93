/** A tick of the probe at least this late counts as a stall. */
const STALL_MS = 5;
const TICK_MS = 10;

/** The event loop's stalls, by whether the process was running meanwhile. */
export interface StallFigures {
  /** Ticks of a 10 ms timer that fired ≥ 5 ms late, and how late in all (ms). */
  stalls: number;
  lateMs: number;
  /** Of that lateness: at most this much with the process on a CPU (its own long tasks, GC) … */
  onCpuMs: number;
  /** … at least this much without (waiting for a core, or in a blocking call). */
  offCpuMs: number;
}

/**
 * Tells a stalled event loop that was busy from one that was not running: a 10 ms timer, and the
 * process's CPU time (getrusage, all its threads) over each interval. A stall of L ms late with C ms
 * of CPU in the interval is min(L, C) on CPU and the remainder off it; since the interval's first
 * 10 ms may have been busy too and other threads (GC helpers) count, on-CPU is an upper bound.
 */
export class StallCauses {
  private figures: StallFigures = { stalls: 0, lateMs: 0, onCpuMs: 0, offCpuMs: 0 };
  private last = StallCauses.now();
  private readonly timer = setInterval(() => this.tick(), TICK_MS);

  constructor() {
    this.timer.unref();
  }

  private static now() {
    const cpu = process.cpuUsage();
    return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
  }

  private tick(): void {
    const now = StallCauses.now();
    this.record(now.wallMs - this.last.wallMs - TICK_MS, now.cpuMs - this.last.cpuMs);
    this.last = now;
  }

  /** One interval: `lateMs` past its due time, `cpuMs` of the process's CPU time in it. */
  record(lateMs: number, cpuMs: number): void {
    if (lateMs < STALL_MS) return;
    const onCpu = Math.min(lateMs, Math.max(0, cpuMs));
    this.figures.stalls += 1;
    this.figures.lateMs += lateMs;
    this.figures.onCpuMs += onCpu;
    this.figures.offCpuMs += lateMs - onCpu;
  }

  read(): StallFigures {
    return { ...this.figures };
  }

  reset(): void {
    this.figures = { stalls: 0, lateMs: 0, onCpuMs: 0, offCpuMs: 0 };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
