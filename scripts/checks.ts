/**
 * `npm run -s checks` (and so `npm test`'s pretest): the checks before the tests — type check,
 * lint, formatting, import rules, the OpenAPI document's linters — side by side instead of one
 * after the other. They read the sources and write nothing, so none waits for another; one after
 * the other they left a core of the 2-core machine idle for about two minutes (ESLint alone is
 * about half of their CPU, so it starts first and the small ones fill the other core).
 *
 * Each check's output is printed whole when it ends, under a line that names it, says ok or FAILED
 * and how long it took, so parallel output never interleaves; every check runs to its end even
 * when another failed, and the exit code is 1 if any failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The npm scripts, the longest first: ESLint's type-aware rules are the critical path. */
const CHECKS = ['lint', 'typecheck', 'format:check', 'lint:openapi', 'depcruise'];

interface Outcome {
  name: string;
  code: number | null;
  output: string;
  seconds: number;
}

const runCheck = (name: string): Promise<Outcome> => {
  const started = Date.now();
  const child = spawn('npm', ['run', '-s', name], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: string): void => {
    output += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ name, code: null, output: `${output}${String(error)}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ name, code, output, seconds: (Date.now() - started) / 1_000 }));
  });
};

const report = ({ name, code, output, seconds }: Outcome): void => {
  const verdict = code === 0 ? 'ok' : `FAILED (exit code ${code})`;
  process.stdout.write(`== ${name}: ${verdict} in ${seconds.toFixed(0)} s\n${output}${output && !output.endsWith('\n') ? '\n' : ''}`);
};

const main = async (): Promise<void> => {
  const outcomes = await Promise.all(
    CHECKS.map(async (name) => {
      const outcome = await runCheck(name);
      report(outcome);
      return outcome;
    }),
  );
  const failed = outcomes.filter(({ code }) => code !== 0).map(({ name }) => name);
  if (failed.length > 0) {
    process.stdout.write(`checks failed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
};

void main();
