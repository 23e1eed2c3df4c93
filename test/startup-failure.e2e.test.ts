import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AppProcess, freePort } from './support/app-process';

/** A start that cannot succeed ends with exit code 1 and one line on stderr, nothing more. */
const failedStart = async (env: Record<string, string>) => {
  const app = AppProcess.start(env);
  const { code } = await app.exited;
  const lines = app.stderr.split('\n').filter(Boolean);
  return { code, lines, stdout: app.stdout };
};

describe('a start that cannot succeed', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses an unknown EVENT_STORE_URL scheme with one line naming the variable', async () => {
    const { code, lines, stdout } = await failedStart({ EVENT_STORE_URL: 'mysql://x', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'configuration error: EVENT_STORE_URL: unknown scheme "mysql:"; use pglite:<dir>, postgres://… or kurrentdb://…',
    ]);
    expect(stdout).toBe('');
  });

  it('refuses a malformed PORT the same way', async () => {
    const { code, lines } = await failedStart({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(lines).toEqual(['configuration error: PORT: must be an integer from 1 to 65535, got "eighty"']);
  });

  it('names PORT when the port is taken, instead of listen EADDRINUSE', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, resolve));
    try {
      const { code, lines } = await failedStart({ PORT: String(port), DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(lines).toEqual([`configuration error: PORT: port ${port} is in use by another process; set PORT to a free port`]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('says in one line that PostgreSQL is unreachable, without the password', async () => {
    const port = await freePort();
    const { code, lines } = await failedStart({
      EVENT_STORE_URL: `postgres://lotse:hunter2@127.0.0.1:${port}/lotse`,
      DATA_DIR: dataDir,
      STARTUP_TIMEOUT_MS: '0',
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `startup failed: cannot open the event store (postgres postgres://lotse:***@127.0.0.1:${port}/lotse schema lotse): connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
  });
});
