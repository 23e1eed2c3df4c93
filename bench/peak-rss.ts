import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak RSS: the kernel's high-water mark (VmHWM), which `clear_refs` resets between rows, so
 * short spikes count too; where /proc does not allow that, samples every 20 ms.
 */
export class PeakRss {
  private sampled = 0;
  private kernel = true;
  private readonly timer = setInterval(() => {
    this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
  }, 20).unref();

  reset(): void {
    this.sampled = process.memoryUsage.rss();
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      this.kernel = false;
    }
  }

  read(): number {
    const rss = process.memoryUsage.rss();
    this.sampled = Math.max(this.sampled, rss);
    if (!this.kernel) return this.sampled;
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      return kb ? Math.max(Number(kb) * 1024, rss) : this.sampled;
    } catch {
      return this.sampled;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
