import type { SideStore } from '../../../database';
import { storedRecords } from '../../../database/testing/every-side-store';
import { IdempotencyStore } from '../idempotency-store';
import { openIdempotencyStore } from '../open-idempotency-store';

/** Moves a record's creation back in time, as a dead process or a day's wait would leave it: the one engine-specific step. */
const age = async (side: SideStore, key: string, ms: number): Promise<void> => {
  if (side.engine === 'sql') {
    await side.driver.query(`update idempotency_keys set created_at = now() - $2 * interval '1 millisecond' where key = $1`, [key, ms]);
  } else {
    await side.connection.collection('idempotency_keys').updateMany({ key }, { $set: { createdAt: new Date(Date.now() - ms) } });
  }
};

const MINUTE = 60_000;

/** What every idempotency store must do the same; `open` gives a fresh, empty side store. */
export const idempotencyStoreContract = (open: () => Promise<SideStore>): void => {
  let side: SideStore;
  let store: IdempotencyStore;
  beforeEach(async () => {
    side = await open();
    store = await openIdempotencyStore(side);
  });

  it('initialises idempotently', async () => {
    await openIdempotencyStore(side);
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
  });

  it('gives a key to the first claim only, and tells the second what holds it', async () => {
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: false, fingerprint: 'fp' });
    expect(await store.claim('coach-2', 'k', 'fp')).toEqual({ claimed: true });
  });

  it('gives a key to exactly one of many concurrent claims', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim('coach-1', 'k', 'fp')));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
  });

  it('hands out the stored answer once complete, arrays, nulls and odd keys and all', async () => {
    await store.claim('coach-1', 'k', 'fp');
    const body = [{ id: 1, $where: 'x', 'a.b': null, nested: {} }];
    await store.complete('coach-1', 'k', { status: 201, headers: { etag: '"1"' }, body });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({
      claimed: false,
      fingerprint: 'fp',
      response: { status: 201, headers: { etag: '"1"' }, body },
    });
    await store.claim('coach-1', 'empty', 'fp');
    await store.complete('coach-1', 'empty', { status: 204, headers: {}, body: undefined });
    expect(await store.claim('coach-1', 'empty', 'other')).toEqual({
      claimed: false,
      fingerprint: 'fp',
      response: { status: 204, headers: {}, body: null },
    });
  });

  it('frees a released key for the retry, but never releases a completed one', async () => {
    await store.claim('coach-1', 'k', 'fp');
    await store.release('coach-1', 'k');
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
    await store.complete('coach-1', 'k', { status: 200, headers: {}, body: { ok: true } });
    await store.release('coach-1', 'k');
    expect(await store.claim('coach-1', 'k', 'fp')).toMatchObject({ claimed: false, response: { status: 200 } });
  });

  it("lets a retry take over a pending record abandoned by a dead process, but not someone else's request", async () => {
    await store.claim('coach-1', 'k', 'fp');
    await age(side, 'k', 2 * MINUTE);
    expect(await store.claim('coach-1', 'k', 'other')).toEqual({ claimed: false, fingerprint: 'fp' });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: true });
    expect(await store.claim('coach-1', 'k', 'fp')).toEqual({ claimed: false, fingerprint: 'fp' });
  });

  it('forgets records older than a day', async () => {
    await store.claim('coach-1', 'old', 'fp');
    await store.complete('coach-1', 'old', { status: 201, headers: {}, body: null });
    await store.claim('coach-1', 'recent', 'fp');
    await age(side, 'old', 25 * 60 * MINUTE);
    await age(side, 'recent', 23 * 60 * MINUTE);
    // A new store purges on its first claim; this one purged a moment ago and waits a minute.
    await (await openIdempotencyStore(side)).claim('coach-1', 'new', 'fp');
    const keys = (await storedRecords(side, 'idempotency_keys')).map((r) => (r as { key: string }).key).sort();
    expect(keys).toEqual(['new', 'recent']);
  });
};
