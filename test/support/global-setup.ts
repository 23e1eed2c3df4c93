import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { COMPILED_APP_DIR } from './compiled-app';

const ROOT = join(__dirname, '..', '..');

const runScript = (script: string, ...args: string[]): void => {
  execFileSync(process.execPath, ['--no-warnings', '-r', '@swc-node/register', script, ...args], { cwd: ROOT, stdio: 'inherit' });
};

/**
 * Jest's global setup, once per run. Every app the tests start serves the statistics page, which
 * reads its bundle at start, so the bundle is built from the current sources first (as `npm run
 * build` does for `npm start`). Then the app is compiled once for the tests that start it as a
 * process (AppProcess), instead of each such process compiling every module again. Both in child
 * processes: the scripts resolve the app's path aliases themselves.
 */
export default function globalSetup(): void {
  runScript('scripts/build-page.ts');
  runScript('scripts/compile-sources.ts', COMPILED_APP_DIR);
}
