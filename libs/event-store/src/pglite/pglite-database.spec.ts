import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePglite, EmbeddedDatabaseInUseError, releasePglite } from './pglite-database';

describe('the embedded database directory', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'lotse-pglite-'));

  it('is shared inside one process and freed by its last user', async () => {
    const path = dir();
    const first = await acquirePglite(path);
    const second = await acquirePglite(path);
    expect(second).toBe(first);
    await releasePglite(first);
    expect(existsSync(join(path, 'lotse.lock'))).toBe(true);
    await releasePglite(second);
    expect(existsSync(join(path, 'lotse.lock'))).toBe(false);
  });

  it('refuses a directory that a live process holds', async () => {
    const path = dir();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(path, 'lotse.lock'), String(holder.pid));
      const error = await acquirePglite(path).catch((e) => e);
      expect(error).toBeInstanceOf(EmbeddedDatabaseInUseError);
      expect(error.message).toContain(`process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock a crashed process left behind', async () => {
    const path = dir();
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(join(path, 'lotse.lock'), String(gone.pid));
    const db = await acquirePglite(path);
    await expect(db.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    await releasePglite(db);
  });
});
