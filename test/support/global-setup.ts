import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TEST_RUN_VARIABLE } from './once-per-run';

const ROOT = join(__dirname, '..', '..');

/**
 * Jest's global setup, once per run. Every app the tests start serves the statistics page, which
 * reads its bundle at start, so the bundle is built from the current sources first (as `npm run
 * build` does for `npm start`), in a child process: the script resolves the app's path aliases
 * itself. What the tests make at first use, once per run (once-per-run.ts: the compiled app, the
 * PGlite template), is told from an older run's by the run's id set here, inherited by Jest's workers.
 */
export default function globalSetup(): void {
  process.env[TEST_RUN_VARIABLE] = randomUUID();
  execFileSync(process.execPath, ['--no-warnings', '-r', '@swc-node/register', 'scripts/build-page.ts'], { cwd: ROOT, stdio: 'inherit' });
}
