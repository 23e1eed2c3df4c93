import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../../src/config';
import { COMPILED_APP_DIR, ensureCompiledApp } from './compiled-app';

const ROOT = join(__dirname, '../..');

type ScriptResult = { code: number | null; stdout: string; stderr: string };

/** The shape of package.json's command-line scripts: a TypeScript file of scripts/ run through the SWC register. */
const TYPESCRIPT_SCRIPT = /^node --no-warnings -r @swc-node\/register (scripts\/[\w/-]+)\.ts$/;

/** `npm run --silent <script> -- …` as a person types it: none of the test runner's environment leaks in. */
export const runNpmScript = (script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> =>
  run('npm', ['run', '--silent', script, '--', ...args], env);

/**
 * What `npm run --silent <script> -- …` runs, started from the tree compiled once per test run
 * (compiled-app.ts) instead: the same file with the same arguments and environment, without npm
 * and the seconds of CPU the SWC register spends compiling its imports at each start. Which file
 * is read from package.json, so a script that points elsewhere, or that npm would run a `pre`
 * script before, fails here rather than passing untested.
 */
export const runCompiledScript = (script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const file = TYPESCRIPT_SCRIPT.exec(scripts[script] ?? '')?.[1];
  if (!file) throw new Error(`package.json's ${script} script is not "node --no-warnings -r @swc-node/register scripts/….ts"`);
  if (scripts[`pre${script}`]) throw new Error(`npm runs pre${script} before ${script}: run it through runNpmScript`);
  ensureCompiledApp();
  return run(process.execPath, ['--no-warnings', join(COMPILED_APP_DIR, `${file}.js`), ...args], env);
};

const run = (command: string, args: string[], env: Record<string, string>): Promise<ScriptResult> => {
  const inherited = { ...process.env };
  for (const { name } of CONFIG_VARIABLE_LIST) delete inherited[name];
  delete inherited.NODE_OPTIONS;
  const child = spawn(command, args, {
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
