import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Set by Jest's global setup, inherited by its workers: tells this test run's artefacts from an older run's. */
export const TEST_RUN_VARIABLE = 'LOTSE_TEST_RUN_ID';

const LOCK_POLL_MS = 100;

/**
 * Makes `artefact` once per test run, at its first use, so that a run of tests that never needs it
 * pays nothing for it: `node -r @swc-node/register <script> <artefact> …args` (a repository path)
 * writes it. Jest's workers are separate processes: a lock file (`<artefact>.lock`) lets one of them
 * make it while the others wait, and a stamp (`<artefact>.run`) holding the run's id tells them it is done.
 */
export const makeOncePerRun = (artefact: string, script: string, args: readonly string[] = []): void => {
  const run = process.env[TEST_RUN_VARIABLE];
  if (!run) throw new Error(`${TEST_RUN_VARIABLE} is not set: start the tests through Jest (its global setup sets it)`);
  const stamp = `${artefact}.run`;
  makeUnderLock(
    artefact,
    () => stampOf(stamp) === run,
    () => {
      rmSync(stamp, { force: true });
      runScript(script, artefact, args);
      writeFileSync(stamp, run);
    },
  );
};

/**
 * Makes `artefact` once, if it does not exist yet, and keeps it for later runs: for what depends on
 * nothing that changes between runs (its name says what it depends on). The script writes it whole
 * or not at all (under another name, then renamed), so a file that exists is complete.
 */
export const makeIfMissing = (artefact: string, script: string, args: readonly string[] = []): void =>
  makeUnderLock(
    artefact,
    () => existsSync(artefact),
    () => runScript(script, artefact, args),
  );

/** Makes it unless `done`, with the lock held: checked again under the lock, as another process may just have made it. */
const makeUnderLock = (artefact: string, done: () => boolean, make: () => void): void => {
  if (done()) return;
  const lock = `${artefact}.lock`;
  takeLock(lock);
  try {
    if (!done()) make();
  } finally {
    rmSync(lock, { force: true });
  }
};

const runScript = (script: string, artefact: string, args: readonly string[]): void => {
  execFileSync(process.execPath, ['--no-warnings', '-r', '@swc-node/register', script, artefact, ...args], {
    cwd: ROOT,
    env: withoutJestOptions(),
    stdio: 'inherit',
  });
};

const stampOf = (stamp: string): string | undefined => (existsSync(stamp) ? readFileSync(stamp, 'utf8') : undefined);

/** Jest's NODE_OPTIONS (ES module support in its VM) mean nothing to a plain script. */
const withoutJestOptions = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
};

/** Waits for the lock; one left by a worker that died (its PID gone) is taken over. */
const takeLock = (lock: string): void => {
  // A fresh checkout has no node_modules/.cache until something writes there.
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive(lock)) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
    }
  }
};

const holderAlive = (lock: string): boolean => {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
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
