import { Client } from 'pg';
import type { LeaderElection } from '../leader-election';

export interface PostgresLeaderElectionOptions {
  connectionString: string;
  /** Separates deployments sharing one server (e.g. the schema), so their projections do not exclude each other. */
  namespace: string;
  onConnectionError?: (error: Error) => void;
}

/**
 * Session-level advisory locks on a dedicated connection: PostgreSQL frees them when that
 * session ends, so a crashed process hands its projections over without any timeout. A pool
 * would not do, since the lock belongs to whichever pooled connection happened to take it.
 */
export class PostgresLeaderElection implements LeaderElection {
  private client?: Client;
  private readonly held = new Set<string>();
  /** One statement at a time on the one session: several projections ask at once, and pg queues badly (deprecated). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PostgresLeaderElectionOptions) {}

  tryAcquire(name: string): Promise<boolean> {
    return this.inTurn(() => this.acquire(name));
  }

  private async acquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await this.connection();
    const [row] = (
      await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [this.key(name)])
    ).rows;
    if (row.locked) this.held.add(name);
    return row.locked;
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  release(name: string): Promise<void> {
    return this.inTurn(async () => {
      if (!this.held.delete(name) || !this.client) return;
      await this.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [this.key(name)]).catch(() => undefined);
    });
  }

  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const result = this.turn.then(step, step);
    this.turn = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private key(name: string): string {
    return `lotse-projection:${this.options.namespace}:${name}`;
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.connectionString, application_name: 'lotse-projections' });
    // With the session gone, so are its locks: stop believing we lead, and reconnect on the next try.
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.held.clear();
      if (error) this.options.onConnectionError?.(error);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    this.client = client;
    return client;
  }
}
