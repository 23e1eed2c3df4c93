import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MEMORY } from '../event-store-url';

/**
 * PGlite is one PostgreSQL backend inside this process: opening the same directory twice
 * (two instances here, or a second process) corrupts it. So every user in this process
 * shares one instance per directory, and a lock file keeps other processes out.
 */
interface Entry { db: Promise<PGlite>; users: number; lockFile?: string }

const open = new Map<string, Entry>();

let anonymous = 0;

/**
 * Opens (or shares) the embedded database in `dir`. `memory://` is a throwaway in-memory one;
 * `memory://<name>` is an in-memory one shared by name while anyone holds it.
 */
export const acquirePglite = async (dir: string): Promise<PGlite> => {
  const inMemory = dir.startsWith(MEMORY);
  const key = dir === MEMORY ? `${MEMORY}#${++anonymous}` : inMemory ? dir : resolve(dir);
  const entry = open.get(key);
  if (entry) {
    entry.users += 1;
    return entry.db;
  }
  const fresh: Entry = { users: 1, db: Promise.resolve(null as unknown as PGlite) };
  if (!inMemory) {
    mkdirSync(key, { recursive: true });
    fresh.lockFile = takeLock(key);
  }
  fresh.db = PGlite.create(inMemory ? undefined : key).then(
    (db) => { instances.set(db, key); return db; },
    (error) => { release(key, fresh); throw error; },
  );
  open.set(key, fresh);
  return fresh.db;
};

const instances = new WeakMap<PGlite, string>();

/** Gives the instance back; the last user closes it and frees the directory. */
export const releasePglite = async (db: PGlite): Promise<void> => {
  const key = instances.get(db);
  const entry = key ? open.get(key) : undefined;
  if (!key || !entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  await db.close();
  release(key, entry);
};

const release = (key: string, entry: Entry) => {
  open.delete(key);
  if (entry.lockFile) rmSync(entry.lockFile, { force: true });
};

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const takeLock = (dir: string): string => {
  const lockFile = join(dir, 'lotse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new EmbeddedDatabaseInUseError(dir, holder);
      }
      // A crashed process left its lock behind; PGlite recovers the directory like PostgreSQL would.
      rmSync(lockFile, { force: true });
    }
  }
  throw new EmbeddedDatabaseInUseError(dir, NaN);
};

export class EmbeddedDatabaseInUseError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`the embedded database in ${dir} is open in process ${pid}; PGlite must never be opened twice — stop that process or use its HTTP API`);
    this.name = 'EmbeddedDatabaseInUseError';
  }
}
