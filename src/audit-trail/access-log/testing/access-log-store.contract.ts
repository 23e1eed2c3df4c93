import { AccessEntry, firstBadSeq, firstBrokenLink } from '../access-entry';
import { AccessLogStore } from '../access-log-store';
import { aRead } from './a-read';

export const read = (sub: string, at = new Date().toISOString()): AccessEntry => ({ ...aRead(sub), at });
export const reads = (prefix: string, count: number, at?: string) => Array.from({ length: count }, (_, i) => read(`${prefix}${i}`, at));

const purgeRecord = (removed: object): AccessEntry => ({ ...read('lotse'), action: 'purge', detail: { ...removed } });

/**
 * What every access log store does, whatever keeps it (memory, PGlite, the PostgreSQL server): `open` gives a store
 * on an empty log. Run by each store's spec.
 */
export const accessLogStoreContract = (open: () => Promise<AccessLogStore>) => {
  it('stores batches in order, each entry chained to the one before, the first to the empty genesis hash', async () => {
    const store = await open();
    await store.append(reads('a', 3));
    await store.append(reads('b', 2));
    const { records, head } = await store.chain();
    expect(records.map((r) => r.sub)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    expect(records[0].previousHash).toBe('');
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(firstBrokenLink(records)).toBeUndefined();
    expect(head).toEqual({ seq: 5, hash: records[4].hash });
    expect(await store.all()).toEqual(records);
  });

  it('answers exactly the entries asked for, newest first, a page at a time with the total', async () => {
    const store = await open();
    // One batch holding several people's reads by several readers at several times.
    await store.append([
      read('anna', '2026-03-01T10:00:00.000Z'),
      { ...read('ben', '2026-03-01T11:00:00.000Z'), participantIds: ['p-anna', 'p-carl'] },
      read('anna', '2026-03-02T10:00:00.000Z'),
      { ...read('dora', '2026-03-03T10:00:00.000Z'), municipality: 'dormagen', municipalities: ['dormagen'] },
    ]);
    await store.append([read('anna', '2026-03-04T10:00:00.000Z')]);
    const subsOf = async (query: Parameters<AccessLogStore['query']>[0]) => {
      const { items, total } = await store.query(query);
      return { seqs: items.map((r) => r.seq), total };
    };
    expect(await subsOf({ participantId: 'p-carl', limit: 10, offset: 0 })).toEqual({ seqs: [2], total: 1 });
    expect(await subsOf({ participantId: 'p-anna', limit: 10, offset: 0 })).toEqual({ seqs: [5, 3, 2, 1], total: 4 });
    expect(await subsOf({ participantId: 'p-anna', limit: 2, offset: 1 })).toEqual({ seqs: [3, 2], total: 4 });
    expect(await subsOf({ actor: 'anna', limit: 10, offset: 0 })).toEqual({ seqs: [5, 3, 1], total: 3 });
    expect(await subsOf({ from: '2026-03-01T10:30:00.000Z', to: '2026-03-03T10:00:00.000Z', limit: 10, offset: 0 })).toEqual({
      seqs: [4, 3, 2],
      total: 3,
    });
    expect(await subsOf({ municipality: 'dormagen', limit: 10, offset: 0 })).toEqual({ seqs: [4], total: 1 });
    expect(await subsOf({ participantId: 'p-anna', actor: 'ben', limit: 10, offset: 0 })).toEqual({ seqs: [2], total: 1 });
    expect(await subsOf({ participantId: 'p-nobody', limit: 10, offset: 0 })).toEqual({ seqs: [], total: 0 });
    const [record] = (await store.query({ participantId: 'p-carl', limit: 1, offset: 0 })).items;
    expect(record).toEqual({ ...read('ben', '2026-03-01T11:00:00.000Z'), participantIds: ['p-anna', 'p-carl'], ...hashesOf(record) });
  });

  it('records a purge with the removal, and goes on from the last removed hash after it emptied the log', async () => {
    const store = await open();
    await store.append(reads('old', 2));
    const purged = await store.purgeBefore(new Date(Date.now() + 60_000).toISOString(), purgeRecord);
    expect(purged).toMatchObject({ count: 2, throughSeq: 2 });
    const [record] = await store.all();
    expect(record).toMatchObject({ sub: 'lotse', action: 'purge', seq: 3, previousHash: purged.lastHash, detail: purged });
    await store.append(reads('new', 1));
    const { records, head } = await store.chain();
    expect(records.map((r) => r.sub)).toEqual(['lotse', 'new0']);
    expect(records[1].previousHash).toBe(records[0].hash);
    expect(firstBadSeq(records, head)).toBeUndefined();
  });

  it('purges whole batches: one with an entry from after the cut-off stays whole', async () => {
    const store = await open();
    await store.append(reads('old', 2, '2026-01-01T00:00:00.000Z'));
    await store.append([read('straddling', '2026-01-01T00:00:00.000Z'), read('recent', '2026-03-01T00:00:00.000Z')]);
    const purged = await store.purgeBefore('2026-02-01T00:00:00.000Z', purgeRecord);
    expect(purged).toMatchObject({ count: 2, throughSeq: 2 });
    const { records, head } = await store.chain();
    expect(records.map((r) => r.sub)).toEqual(['straddling', 'recent', 'lotse']);
    expect(records[0].previousHash).toBe(purged.lastHash);
    expect(firstBadSeq(records, head)).toBeUndefined();
    expect(await store.purgeBefore('2026-02-01T00:00:00.000Z', purgeRecord)).toEqual({ count: 0, throughSeq: null, lastHash: null });
  });
};

const hashesOf = (record: { seq: number; previousHash: string; hash: string }) => ({
  seq: record.seq,
  previousHash: record.previousHash,
  hash: record.hash,
});
