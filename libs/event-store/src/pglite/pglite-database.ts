import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MEMORY } from '../event-store-url';

/**
 * PGlite is one PostgreSQL backend inside this process: opening the same directory twice
 * (two instances here, or a second process) corrupts it. So every user in this process
 * shares one instance per directory, and a lock file keeps other processes out.
 */
interface Entry {
  db: Promise<PGlite>;
  users: number;
  lockFile?: string;
}

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
    (db) => {
      instances.set(db, key);
      return db;
    },
    (error) => {
      release(key, fresh);
      throw error;
    },
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

/** Attempts at the lock before giving up: a takeover by another process may be in the way once or twice. */
const LOCK_ATTEMPTS = 5;
/** A takeover guard older than this belongs to a process that died in the middle of one. */
const STALE_GUARD_MS = 10_000;

const takeLock = (dir: string): string => {
  const lockFile = join(dir, 'lotse.lock');
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, formatHolder(thisProcess()));
      closeSync(fd);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const recorded = readFileSync(lockFile, 'utf8');
      const holder = parseHolder(recorded);
      if (holder && holderLives(holder)) throw new EmbeddedDatabaseInUseError(dir, holder.pid);
      // A crashed process left its lock behind; PGlite recovers the directory like PostgreSQL would.
      removeStaleLock(lockFile, recorded);
    }
  }
  throw new EmbeddedDatabaseInUseError(dir, NaN);
};

/** Who holds a lock: the PID, and when that process started, since a PID is reused after its process ends. */
interface Holder {
  pid: number;
  startTime?: string;
}

const thisProcess = (): Holder => ({ pid: process.pid, startTime: processStartTime(process.pid) });

const formatHolder = (holder: Holder): string => `${holder.pid}${holder.startTime ? ` ${holder.startTime}` : ''}`;

/** `<pid> <start time>`; a lock written before the start time was recorded holds the PID alone. */
const parseHolder = (text: string): Holder | undefined => {
  const [pid, startTime] = text.trim().split(/\s+/);
  return /^[1-9]\d*$/.test(pid ?? '') ? { pid: Number(pid), startTime } : undefined;
};

/**
 * The holder is still running when its PID is alive and, where the start time is known on both
 * sides, it is the same process: after a reboot or a container restart (where the app is often
 * PID 1 again) the recorded PID may now belong to another program, or to this very process.
 */
const holderLives = (holder: Holder): boolean => {
  if (holder.pid === process.pid || !processAlive(holder.pid)) return false;
  const current = processStartTime(holder.pid);
  return !holder.startTime || !current || holder.startTime === current;
};

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Field 22 of /proc/<pid>/stat: the process's start in clock ticks after boot, fixed for its life.
 * The command name (field 2) may hold spaces and parentheses, so fields count from its last ')'.
 * Undefined where there is no /proc (macOS, Windows): then the PID alone decides, as before.
 */
export const processStartTime = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
};

/**
 * Removes the lock only if it still holds what was found stale. Two processes starting at once
 * could otherwise both find it stale, one take it over, and the other delete that fresh lock:
 * a short-lived guard file makes the check and the removal one step.
 */
const removeStaleLock = (lockFile: string, stale: string): void => {
  const guard = `${lockFile}.takeover`;
  try {
    closeSync(openSync(guard, 'wx'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const since = statSync(guard, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > STALE_GUARD_MS) rmSync(guard, { force: true });
    else pauseBriefly();
    return;
  }
  try {
    if (readFileSync(lockFile, 'utf8') === stale) rmSync(lockFile, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    rmSync(guard, { force: true });
  }
};

/** Opening the database is synchronous up to here; another process's takeover lasts microseconds. */
const pauseBriefly = (): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
};

export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dir} is open in process ${pid}; PGlite must never be opened twice — stop that process or use its HTTP API`,
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}
