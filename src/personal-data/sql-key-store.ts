import { applySchema, SqlDriver } from '@lotse/event-store';
import { KeyStore } from './key-store';

/** Keys in their own table beside the events: same database, never inside an event. */
export class SqlKeyStore implements KeyStore {
  constructor(private readonly driver: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(
      this.driver,
      `
      create table if not exists participant_keys (
        participant_id text primary key,
        wrapped_key    text,
        created_at     timestamptz not null default now(),
        destroyed_at   timestamptz
      )`,
    );
  }

  async putIfAbsent(participantId: string, wrappedKey: string): Promise<string> {
    await this.driver.query(
      'insert into participant_keys (participant_id, wrapped_key) values ($1, $2) on conflict (participant_id) do nothing',
      [participantId, wrappedKey],
    );
    const stored = await this.get(participantId);
    if (stored === undefined || stored === 'erased') throw new Error(`the key of ${participantId} has been destroyed`);
    return stored;
  }

  async get(participantId: string): Promise<string | undefined> {
    const [row] = await this.driver.query<{ wrapped_key: string | null }>(
      'select wrapped_key from participant_keys where participant_id = $1',
      [participantId],
    );
    if (!row) return undefined;
    return row.wrapped_key ?? 'erased';
  }

  async destroy(participantId: string): Promise<void> {
    await this.driver.query(
      `insert into participant_keys (participant_id, wrapped_key, destroyed_at) values ($1, null, now())
       on conflict (participant_id) do update set wrapped_key = null, destroyed_at = now()`,
      [participantId],
    );
    // The old row version still holds the wrapped key until VACUUM reclaims it; do that now.
    await this.driver.exec('vacuum participant_keys');
  }
}
