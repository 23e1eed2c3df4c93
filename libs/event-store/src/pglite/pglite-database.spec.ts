import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePglite, EmbeddedDatabaseInUseError, processStartTime, releasePglite } from './pglite-database';

describe('the embedded database directory', () => {
  const made: string[] = [];
  const dir = () => {
    made.push(mkdtempSync(join(tmpdir(), 'lotse-pglite-')));
    return made.at(-1)!;
  };
  afterAll(() => made.forEach((path) => rmSync(path, { recursive: true, force: true })));

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

  // Start times come from /proc; elsewhere the PID alone decides, as the tests above show.
  const onLinux = processStartTime(process.pid) !== undefined;
  const linuxOnly = onLinux ? it : it.skip;

  linuxOnly("records the holder's PID with its start time", async () => {
    const path = dir();
    const db = await acquirePglite(path);
    try {
      expect(readFileSync(join(path, 'lotse.lock'), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    } finally {
      await releasePglite(db);
    }
  });

  linuxOnly('takes over a lock whose PID now belongs to another live program (started at another time)', async () => {
    const path = dir();
    // PID 1 lives on every host and in every container: the recorded start time, not its own, stands for
    // the program that held the lock before a restart handed its PID on.
    const wrongStart = processStartTime(1) === '1' ? '2' : '1';
    writeFileSync(join(path, 'lotse.lock'), `1 ${wrongStart}`);
    const db = await acquirePglite(path);
    try {
      await expect(db.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      expect(readFileSync(join(path, 'lotse.lock'), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    } finally {
      await releasePglite(db);
    }
  });

  linuxOnly('refuses a directory whose holder is alive with the recorded start time', async () => {
    const path = dir();
    const holder = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => holder.once('spawn', resolve));
      writeFileSync(join(path, 'lotse.lock'), `${holder.pid} ${processStartTime(holder.pid!)}`);
      const error = await acquirePglite(path).catch((e) => e);
      expect(error).toBeInstanceOf(EmbeddedDatabaseInUseError);
      expect(error.message).toContain(`process ${holder.pid}`);
      expect(existsSync(join(path, 'lotse.lock'))).toBe(true);
    } finally {
      holder.kill();
    }
  });
});
