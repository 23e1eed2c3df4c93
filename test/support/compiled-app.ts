import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Where the app is compiled for the tests that start it as a process (scripts/compile-sources.ts):
 * inside the repository so that node_modules resolves, under node_modules so that no tool lints or commits it.
 */
export const COMPILED_APP_DIR = join(ROOT, 'node_modules', '.cache', 'lotse-test-app');

/** The compiled `src/main.ts`. */
export const COMPILED_MAIN = join(COMPILED_APP_DIR, 'src', 'main.js');

/** Set by Jest's global setup, inherited by its workers: tells this test run's compile from an older one. */
export const TEST_RUN_VARIABLE = 'LOTSE_TEST_RUN_ID';

const STAMP = `${COMPILED_APP_DIR}.run`;
const LOCK = `${COMPILED_APP_DIR}.lock`;
const LOCK_POLL_MS = 100;

/**
 * Compiles the app once per test run, on the first start of an app process, so that a run of unit
 * tests alone pays nothing for it. Jest's workers are separate processes: a lock file lets one of
 * them compile while the others wait, and a stamp holding the run's id tells them it is done.
 */
export const ensureCompiledApp = (): void => {
  const run = process.env[TEST_RUN_VARIABLE];
  if (!run) throw new Error(`${TEST_RUN_VARIABLE} is not set: start the tests through Jest (its global setup sets it)`);
  if (stampOf() === run) return;
  takeLock();
  try {
    if (stampOf() === run) return;
    rmSync(STAMP, { force: true });
    execFileSync(process.execPath, ['--no-warnings', '-r', '@swc-node/register', 'scripts/compile-sources.ts', COMPILED_APP_DIR], {
      cwd: ROOT,
      env: withoutJestOptions(),
      stdio: 'inherit',
    });
    writeFileSync(STAMP, run);
  } finally {
    rmSync(LOCK, { force: true });
  }
};

const stampOf = (): string | undefined => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : undefined);

/** Jest's NODE_OPTIONS (ES module support in its VM) mean nothing to a plain script. */
const withoutJestOptions = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
};

/** Waits for the lock; one left by a worker that died (its PID gone) is taken over. */
const takeLock = (): void => {
  // A fresh checkout has no node_modules/.cache until something writes there.
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(LOCK, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
    }
  }
};

const holderAlive = (): boolean => {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return true; // just released, or not yet written: look again
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
