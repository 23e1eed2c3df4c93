import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from './support/app-process';

/** Token settings that cannot work stop the start with one line, like every other bad setting. */
describe('a start with unusable token settings', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-auth-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const failedStart = async (env: Record<string, string>) => {
    const app = AppProcess.start({ DATA_DIR: dataDir, EVENT_STORE_URL: 'pglite:memory://', ...env });
    const { code } = await app.exited;
    return { code, lines: app.stderr.split('\n').filter(Boolean) };
  };

  it('refuses JWT_JWKS_URL without issuer and audience, which would accept tokens meant for other applications', async () => {
    expect(await failedStart({ JWT_JWKS_URL: 'https://id.example.org/certs' })).toEqual({
      code: 1,
      lines: ['configuration error: JWT_ISSUER: must be set when JWT_JWKS_URL is; JWT_AUDIENCE: must be set when JWT_JWKS_URL is'],
    });
  });

  it('refuses a JWT_SECRET shorter than 32 characters without printing it', async () => {
    expect(await failedStart({ JWT_SECRET: 'hunter2' })).toEqual({
      code: 1,
      lines: ['configuration error: JWT_SECRET: must be at least 32 characters long, got 7'],
    });
  });
});
