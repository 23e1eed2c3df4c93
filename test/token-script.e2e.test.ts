import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'jsonwebtoken';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { appWithAuthFixture } from './support/auth-fixture';
import { runCompiledScript } from './support/npm-script';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const runTokenScript = (args: string[], env: Record<string, string>) => runCompiledScript('token', args, env);

const COACH_ARGS = ['--role', 'coach', '--municipality', 'neuss', '--sub', 'coach-1'];

describe('npm run --silent token', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-token-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints exactly one line, a JWT with the claims asked for, signed with the secret it generated in DATA_DIR', async () => {
    const { code, stdout, stderr } = await runTokenScript(COACH_ARGS, { DATA_DIR: dataDir });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(JWT);
    const payload = JSON.parse(Buffer.from(lines[0].split('.')[1], 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' });
    expect(payload.exp - payload.iat).toBe(8 * 3600);
    const secretFile = join(dataDir, 'jwt.secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(() => verify(lines[0], readFileSync(secretFile, 'utf8').trim(), { algorithms: ['HS256'] })).not.toThrow();
  });

  it('takes roles repeated or comma-separated, and --expires-in', async () => {
    const { stdout } = await runTokenScript(
      ['--role', 'coach,admin', '--role', 'auditor', '--municipality', 'neuss', '--sub', 'a-1', '--expires-in', '30m'],
      { DATA_DIR: dataDir },
    );
    const payload = JSON.parse(Buffer.from(stdout.trim().split('.')[1], 'base64url').toString('utf8'));
    expect(payload.roles).toEqual(['coach', 'admin', 'auditor']);
    expect(payload.exp - payload.iat).toBe(30 * 60);
  });

  it('signs with JWT_SECRET when it is set, and writes no file', async () => {
    const secret = 'a-shared-development-secret-of-32+';
    const { stdout } = await runTokenScript(COACH_ARGS, { DATA_DIR: dataDir, JWT_SECRET: secret });
    expect(verify(stdout.trim(), secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'coach-1' });
    expect(() => statSync(join(dataDir, 'jwt.secret'))).toThrow();
  });

  it('refuses to sign beyond JWT_MAX_LIFETIME, which the API would refuse', async () => {
    const tooLong = await runTokenScript([...COACH_ARGS, '--expires-in', '13h'], { DATA_DIR: dataDir });
    expect({ code: tooLong.code, stdout: tooLong.stdout }).toEqual({ code: 2, stdout: '' });
    expect(tooLong.stderr).toContain('token: --expires-in is longer than JWT_MAX_LIFETIME (43200 s)');
    const allowed = await runTokenScript([...COACH_ARGS, '--expires-in', '13h'], { DATA_DIR: dataDir, JWT_MAX_LIFETIME: '1d' });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.trim()).toMatch(JWT);
  });

  it('refuses an unknown role on stderr with exit code 2, printing no token', async () => {
    const { code, stdout, stderr } = await runTokenScript(['--role', 'janitor', '--municipality', 'neuss', '--sub', 'x'], {
      DATA_DIR: dataDir,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('token: unknown role janitor');
  });

  it('gives a token that an app started later on the same DATA_DIR accepts', async () => {
    const { stdout } = await runTokenScript(COACH_ARGS, { DATA_DIR: dataDir });
    const app = await appWithAuthFixture(loadConfig({ DATA_DIR: dataDir, EVENT_STORE_URL: 'pglite:memory://', LOG_LEVEL: 'silent' }));
    try {
      await request(app.getHttpServer()).get('/auth-fixture/coaching').set('Authorization', `Bearer ${stdout.trim()}`).expect(200);
    } finally {
      await app.close();
    }
  });
});
