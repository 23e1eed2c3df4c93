import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './app-process';

const BIN = '/usr/lib/postgresql/15/bin';

/** Why the private cluster cannot be made here, or undefined when it can. */
export const privatePostgresMissing = (): string | undefined =>
  existsSync(join(BIN, 'initdb')) ? undefined : `${BIN}/initdb not found (install postgresql-15)`;

/**
 * A PostgreSQL 15 cluster of its own in a temporary directory, on a free loopback port, for tests
 * that stop and restart the server: the shared one on 5432 must never be touched. Everything runs
 * as the `postgres` user when we are root (initdb refuses root), with trust authentication for the
 * superuser `root`. `destroy` stops it and deletes the directory; a process exit does too.
 */
export class PrivatePostgres {
  private destroyed = false;
  private readonly onExit = () => this.destroy();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    process.once('exit', this.onExit);
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'lotse-pg-'));
    const cluster = new PrivatePostgres(dir, await freePort());
    try {
      if (process.getuid?.() === 0) {
        const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
        chownSync(dir, uid, gid);
      }
      cluster.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'root', '--no-sync']);
      return cluster;
    } catch (error) {
      cluster.destroy();
      throw error;
    }
  }

  /** The database to put Lotse's schema in. */
  url(schema = 'lotse'): string {
    return `postgres://root@127.0.0.1:${this.port}/postgres?schema=${schema}`;
  }

  start(): void {
    // Loopback only, the socket in our own directory; fsync off: a test cluster need not survive a power cut.
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** `fast`: sessions are terminated (57P01 to every client), as in a real restart or failover. */
  stop(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-w', '-m', 'fast', 'stop']);
  }

  restart(): void {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-m',
      'fast',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'restart',
    ]);
  }

  running(): boolean {
    return existsSync(join(this.dir, 'data', 'postmaster.pid'));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    process.removeListener('exit', this.onExit);
    try {
      if (this.running()) this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-w', '-m', 'immediate', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(tool: string, args: string[]): void {
    const command = join(BIN, tool);
    const asPostgres = process.getuid?.() === 0;
    execFileSync(asPostgres ? 'runuser' : command, asPostgres ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: this.dir,
      timeout: 60_000,
    });
  }
}
