import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * In a process started as the HTTP processes are (--max-semi-space-size=32), a worker thread that
 * makes young garbage grows its new space to the size the flags allow: the probe says how large.
 */
const youngGenerationOfAWorker = (sized: boolean): number => {
  const helper = JSON.stringify(join(__dirname, 'projection-thread-heap.ts'));
  const script = `
    require('@swc-node/register');
    const { Worker } = require('node:worker_threads');
    if (${sized}) require(${helper}).sizeProjectionThreadHeap();
    const worker = new Worker(\`
      const v8 = require('node:v8');
      let keep = [], peak = 0;
      for (let i = 0; i < 400000; i += 1) {
        keep.push({ i, s: 'x'.repeat(64) + i });
        if (keep.length > 20000) keep = [];
        if (i % 1000 === 0) peak = Math.max(peak, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
      }
      require('node:worker_threads').parentPort.postMessage(peak);
    \`, { eval: true });
    worker.on('message', (peak) => { process.stdout.write(String(peak)); worker.terminate(); });
  `;
  const out = execFileSync(process.execPath, ['--max-semi-space-size=32', '-e', script], {
    encoding: 'utf8',
    cwd: join(__dirname, '..', '..'),
  });
  return Number(out) / 2 ** 20;
};

describe('the projection thread’s young generation', () => {
  it('is sized to V8’s own semi-space, not the HTTP processes’ larger one the process was started with', () => {
    expect(youngGenerationOfAWorker(false)).toBeGreaterThan(32);
    expect(youngGenerationOfAWorker(true)).toBeLessThanOrEqual(32);
  }, 60_000);
});
