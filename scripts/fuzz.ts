/**
 * `npm run fuzz -- --minutes N [--seed S]` runs the fuzz suite (test/fuzz.postgres.e2e.test.ts)
 * for N minutes instead of the ≈ 45 s it gets in CI, against the PostgreSQL server in
 * DATABASE_URL. A failure prints the request and the seed; `--seed` replays that run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run fuzz -- --minutes <N> [--seed <number>]';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string' } },
});
const minutes = Number(values.minutes);
if (!(minutes > 0) || (values.seed !== undefined && !Number.isSafeInteger(Number(values.seed)))) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const root = join(__dirname, '..');
const env = {
  ...process.env,
  FUZZ_SECONDS: String(Math.round(minutes * 60)),
  NODE_OPTIONS: '--experimental-vm-modules',
  ...(values.seed === undefined ? {} : { FUZZ_SEED: values.seed }),
};
const jest = spawn(join(root, 'node_modules', '.bin', 'jest'), ['--runInBand', 'test/fuzz.postgres.e2e.test.ts'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
jest.on('close', (code) => process.exit(code ?? 1));
