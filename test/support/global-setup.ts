import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TEST_RUN_VARIABLE } from './once-per-run';
import { ensurePgliteTemplate } from './pglite-template';

const ROOT = join(__dirname, '..', '..');

/**
 * Jest's global setup, once per run. Every app the tests start serves the statistics page, which
 * reads its bundle at start, so the bundle is built from the current sources first (as `npm run
 * build` does for `npm start`), in a child process: the script resolves the app's path aliases
 * itself. Meanwhile the PGlite template is made if this PGlite version has none yet (pglite-template.ts).
 * What the tests make at first use, once per run (once-per-run.ts: the compiled app), is told from
 * an older run's by the run's id set here, inherited by Jest's workers.
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_RUN_VARIABLE] = randomUUID();
  const page = spawn(process.execPath, ['--no-warnings', '-r', '@swc-node/register', 'scripts/build-page.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const built = new Promise<void>((resolve, reject) => {
    page.on('error', reject);
    page.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`scripts/build-page.ts exited with ${code ?? signal}`))));
  });
  try {
    ensurePgliteTemplate();
  } finally {
    await built;
  }
}
