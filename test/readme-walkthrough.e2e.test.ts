import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../src/config';
import { AppProcess, freePort } from './support/app-process';

const ROOT = join(__dirname, '..');
const START_LINE = 'npm install && npm start &';

/** The shell block of "A case step in five minutes", as a reader copies it. */
const walkthroughBlock = (): string => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### A case step in five minutes'));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README has no shell block under "A case step in five minutes"');
  return block[1];
};

/** Runs the block as bash would, in the README's directory, with the app's DATA_DIR and secret. */
const runInShell = (script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const inherited = { ...process.env };
  for (const { name } of CONFIG_VARIABLE_LIST) delete inherited[name];
  delete inherited.NODE_OPTIONS;
  const child = spawn('bash', ['-c', script], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe("the README's walkthrough, run twice in one shell against a started app", () => {
  let dataDir: string;
  let app: AppProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-walkthrough-'));
    const port = await freePort();
    env = { PORT: String(port), DATA_DIR: dataDir, JWT_SECRET: 'walkthrough-secret-long-enough-0000000000' };
    app = AppProcess.start(env);
    await app.waitForHealth(port);
  }, 60_000);
  afterAll(async () => {
    app?.kill('SIGKILL');
    await app?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with the start command, which the test replaces by the app it started', () => {
    expect(walkthroughBlock().split('\n')[0].startsWith(START_LINE)).toBe(true);
  });

  it('records a case step each time and shows it in the timeline and the caseload', async () => {
    const steps = walkthroughBlock().split('\n').slice(1).join('\n');
    const pathways: string[] = [];
    for (const run of [1, 2]) {
      const { code, stdout, stderr } = await runInShell(steps, env);
      expect({ run, code, stderr }).toEqual({ run, code: 0, stderr: '' });
      const [timeline, caseload] = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(timeline.caseSteps).toEqual([expect.objectContaining({ kind: 'counselling', note: 'First talk about the B1 course.' })]);
      expect(caseload.items).toContainEqual(
        expect.objectContaining({ id: timeline.id, caseStepCount: 1, lastStep: expect.objectContaining({ kind: 'counselling' }) }),
      );
      pathways.push(timeline.id);
    }
    expect(new Set(pathways).size).toBe(2);
  }, 90_000);

  it('stops at the first refused step with its problem, instead of passing undefined on', async () => {
    const steps = walkthroughBlock()
      .split('\n')
      .slice(1)
      .join('\n')
      .replace('"residenceStatus":"gestattung"', '"residenceStatus":"unknown"');
    const { code, stdout, stderr } = await runInShell(steps, env);
    expect(code).not.toBe(0);
    expect(stderr).toContain('validation_failed');
    expect(stdout).not.toContain('undefined');
  }, 60_000);
});
