import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest's global setup: every app the tests start serves the statistics page, which reads its
 * bundle at start, so the bundle is built from the current sources first (as `npm run build` does
 * for `npm start`). In a child process: the build script resolves the app's path aliases itself.
 */
export default function buildPageBundle(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['--no-warnings', '-r', '@swc-node/register', 'scripts/build-page.ts'], { cwd: root, stdio: 'inherit' });
}
