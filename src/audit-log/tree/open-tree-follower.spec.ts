import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, HashLog, parseEventStoreUrl, SqlDriver } from '@lotse/event-store';
import { openTreeFollower } from './open-tree-follower';
import { TreeFollower } from './tree-follower';

/** A SQL database that only notes what it is asked: the follower is opened here, not started. */
const recordingDriver = () => {
  const statements: string[] = [];
  const tx = {
    query: async (sql: string) => (statements.push(sql), []),
    exec: async (sql: string) => void statements.push(sql),
  };
  const driver = { ...tx, transaction: async <T>(work: (t: typeof tx) => Promise<T>) => work(tx), close: async () => undefined };
  return { driver: driver as unknown as SqlDriver, statements };
};

describe('openTreeFollower: the audit tree follower outside the Nest application (the projection thread)', () => {
  const config = (url: string) => ({
    EVENT_STORE_URL: parseEventStoreUrl(url),
    AUDIT_CHECKPOINT_EVENTS: 1_000,
    AUDIT_CHECKPOINT_SECONDS: 60,
    LOTSE_SIGNING_KEY: undefined,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lotse-tree-follower-')),
  });
  const sqlStore = { subscribeHashes: jest.fn() } as unknown as EventStore & HashLog;

  it('follows the events’ own SQL database, its tables created, signing with the data directory’s key', async () => {
    const { driver, statements } = recordingDriver();
    const settings = config('postgres://root@127.0.0.1:5432/lotse?schema=county');
    const follower = await openTreeFollower(settings, sqlStore, driver);
    expect(follower).toBeInstanceOf(TreeFollower);
    expect(statements.join('\n')).toContain('create table if not exists audit_leaves');
    expect(statSync(join(settings.DATA_DIR, 'signing.key')).mode & 0o777).toBe(0o600);
    await follower!.stop();
  });

  it('is none beside KurrentDB (no tree there), without the SQL database, or for a store that cannot narrow its reads', async () => {
    const { driver } = recordingDriver();
    expect(await openTreeFollower(config('kurrentdb://127.0.0.1:2113?tls=false'), sqlStore, driver)).toBeUndefined();
    expect(await openTreeFollower(config('pglite:memory://open-tree-follower'), sqlStore, undefined)).toBeUndefined();
    expect(await openTreeFollower(config('pglite:memory://open-tree-follower'), {} as EventStore, driver)).toBeUndefined();
  });
});
