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

  constructor(private readonly options: PostgresLeaderElectionOptions) {}

  async tryAcquire(name: string): Promise<boolean> {
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

  async release(name: string): Promise<void> {
    if (!this.held.delete(name) || !this.client) return;
    await this.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [this.key(name)]).catch(() => undefined);
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
