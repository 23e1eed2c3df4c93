import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak RSS: the kernel's high-water mark (VmHWM), which `clear_refs` resets between rows, so
 * short spikes count too; only where /proc does not allow that, samples every 20 ms. The sampler
 * runs on the measured server's event loop: each read of the RSS took 0.1-0.2 ms there under
 * load, 2-3 % of the server's CPU in a case-step row, and a task between its requests every 20 ms.
 */
export class PeakRss {
  private sampled = 0;
  private kernel = true;
  private timer?: NodeJS.Timeout;

  constructor() {
    if (highWaterMarkKb() === undefined) this.sample();
  }

  reset(): void {
    this.sampled = process.memoryUsage.rss();
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      this.sample();
    }
  }

  private sample(): void {
    this.kernel = false;
    this.timer ??= setInterval(() => {
      this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
    }, 20).unref();
  }

  read(): number {
    const rss = process.memoryUsage.rss();
    this.sampled = Math.max(this.sampled, rss);
    if (!this.kernel) return this.sampled;
    const kb = highWaterMarkKb();
    return kb === undefined ? this.sampled : Math.max(kb * 1024, rss);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The kernel's VmHWM of this process in kB, or undefined where /proc does not tell it. */
const highWaterMarkKb = (): number | undefined => {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
};
