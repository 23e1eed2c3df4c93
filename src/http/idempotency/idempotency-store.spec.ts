import { PgliteDriver, SqlDriver } from '@lotse/event-store';
import { IdempotencyStore } from './idempotency-store';

describe('IdempotencyStore (PGlite)', () => {
  let sql: SqlDriver;
  let store: IdempotencyStore;

  beforeAll(async () => {
    sql = await PgliteDriver.open('memory://', 'lotse');
    await new IdempotencyStore(sql).onModuleInit();
  });
  afterAll(() => sql.close());
  beforeEach(async () => {
    await sql.query('delete from idempotency_keys');
    store = new IdempotencyStore(sql);
  });

  const age = (key: string, interval: string) =>
    sql.query(`update idempotency_keys set created_at = now() - interval '${interval}' where key = $1`, [key]);

  it('creates its table idempotently', async () => {
    await store.onModuleInit();
    await new IdempotencyStore(sql).onModuleInit();
  });

  it('gives a key to the first claim only, and tells the second what holds it', async () => {
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: false, fingerprint: 'fp' });
    expect(await store.claim('coach-2', 'k', 'fp')).toEqual({ claimed: true });
  });

  it('hands out the stored answer once complete, arrays and all', async () => {
    await store.claim('coach-1', 'k', 'fp');
    await store.complete('coach-1', 'k', { status: 201, headers: { etag: '"1"' }, body: [{ id: 1 }] });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({
      claimed: false, fingerprint: 'fp', response: { status: 201, headers: { etag: '"1"' }, body: [{ id: 1 }] },
    });
  });

  it('frees a released key for the retry', async () => {
    await store.claim('coach-1', 'k', 'fp');
    await store.release('coach-1', 'k');
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
  });

  it('lets a retry take over a pending record abandoned by a dead process, but not someone else\'s request', async () => {
    await store.claim('coach-1', 'k', 'fp');
    await age('k', '2 minutes');
    expect(await store.claim('coach-1', 'k', 'other')).toEqual({ claimed: false, fingerprint: 'fp' });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: false, fingerprint: 'fp' });
  });

  it('forgets records older than a day', async () => {
    await store.claim('coach-1', 'old', 'fp');
    await store.complete('coach-1', 'old', { status: 201, headers: {}, body: null });
    await age('old', '25 hours');
    await new IdempotencyStore(sql).claim('coach-1', 'new', 'fp');
    expect(await sql.query('select key from idempotency_keys')).toEqual([{ key: 'new' }]);
  });
});
