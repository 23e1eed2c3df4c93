import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentSecret } from './jwt-secret';

describe('the development secret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is JWT_SECRET when set, and no file is written', () => {
    const secret = 's'.repeat(32);
    expect(developmentSecret({ JWT_SECRET: secret, DATA_DIR: dataDir })).toEqual({ secret, from: 'JWT_SECRET', created: false });
    expect(() => statSync(join(dataDir, 'jwt.secret'))).toThrow();
  });

  it('is generated on first use into <DATA_DIR>/jwt.secret, readable by the owner only', () => {
    const first = developmentSecret({ JWT_SECRET: undefined, DATA_DIR: join(dataDir, 'not-yet-there') });
    const path = join(dataDir, 'not-yet-there', 'jwt.secret');
    expect(first).toMatchObject({ from: path, created: true });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('is reused on later starts', () => {
    const first = developmentSecret({ JWT_SECRET: undefined, DATA_DIR: dataDir });
    const second = developmentSecret({ JWT_SECRET: undefined, DATA_DIR: dataDir });
    expect(second).toEqual({ ...first, created: false });
  });

  it('refuses a file too short to be a secret, naming it', () => {
    writeFileSync(join(dataDir, 'jwt.secret'), 'short\n');
    expect(() => developmentSecret({ JWT_SECRET: undefined, DATA_DIR: dataDir })).toThrow(
      `cannot read or create the JWT secret ${join(dataDir, 'jwt.secret')}`,
    );
  });
});
