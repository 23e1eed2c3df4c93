import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../../src/config';

const ROOT = join(__dirname, '../..');

/** `npm run --silent <script> -- …` as a person types it: none of the test runner's environment leaks in. */
export const runNpmScript = (
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const inherited = { ...process.env };
  for (const { name } of CONFIG_VARIABLE_LIST) delete inherited[name];
  delete inherited.NODE_OPTIONS;
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
};
