import { inClear, matchingKeys } from '@lotse/domain';
import type { SideStore } from '../../database';
import { DuplicatePair, MatchKeyStore, pairIdOf } from '../match-key-store';
import { openMatchKeyStore } from '../open-match-key-store';

const amira = matchingKeys({ givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17' }, inClear);
const amiraAgain = matchingKeys({ givenName: 'Amirah', familyName: 'Hadad', birthDate: '2004-05-17' }, inClear);
const jonas = matchingKeys({ givenName: 'Jonas', familyName: 'Becker', birthDate: '1999-11-02' }, inClear);

const FIELDS: DuplicatePair['fields'] = { givenName: 'similar', familyName: 'similar', birthDate: 'equal' };
const pair = (a: string, b: string, score: number, municipalityA = 'neuss', municipalityB = 'neuss') => ({
  pairId: pairIdOf(a, b),
  participantA: a,
  participantB: b,
  municipalityA,
  municipalityB,
  score,
  fields: FIELDS,
});

/** What every matching-key store must do the same; `open` gives a fresh, empty side store. */
export const matchKeyStoreContract = (open: () => Promise<SideStore>): void => {
  let side: SideStore;
  let store: MatchKeyStore;
  beforeEach(async () => {
    side = await open();
    store = await openMatchKeyStore(side);
  });
  const candidateIds = async (lookup: readonly string[]) => (await store.candidates(lookup)).map((c) => c.participantId).sort();

  it('initialises idempotently', async () => {
    await (await openMatchKeyStore(side)).init();
    expect(await store.candidates(amira.lookup)).toEqual([]);
  });

  it('finds everyone filed under a shared lookup key, with the keys as saved', async () => {
    await store.save('p-amira', 'neuss', amira);
    await store.save('p-jonas', 'dormagen', jonas);
    const found = await store.candidates(amiraAgain.lookup);
    expect(found).toEqual([{ participantId: 'p-amira', municipality: 'neuss', keys: amira }]);
    expect(await candidateIds([...amira.lookup, ...jonas.lookup])).toEqual(['p-amira', 'p-jonas']);
    expect(await store.candidates(['no-such-key'])).toEqual([]);
    expect(await store.candidates([])).toEqual([]);
  });

  it('replaces keys and lookups together when a registration is filed again, and forgets it', async () => {
    await store.save('p-1', 'neuss', amira);
    await store.save('p-1', 'dormagen', jonas);
    expect(await store.candidates(amira.lookup.filter((k) => !jonas.lookup.includes(k)))).toEqual([]);
    expect(await store.candidates(jonas.lookup)).toEqual([{ participantId: 'p-1', municipality: 'dormagen', keys: jonas }]);
    await store.forget('p-1');
    expect(await store.candidates(jonas.lookup)).toEqual([]);
    await store.forget('p-1');
  });

  it('records a pair once, whichever side finds it and with whatever score', async () => {
    await store.recordPair(pair('p-a', 'p-b', 0.9));
    await store.recordPair({ ...pair('p-b', 'p-a', 0.7), participantA: 'p-b', participantB: 'p-a' });
    const pairs = await store.pairs({ status: 'open' });
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      pairId: 'p-a:p-b',
      participantA: 'p-a',
      participantB: 'p-b',
      score: 0.9,
      fields: FIELDS,
      status: 'open',
    });
    expect(pairs[0].foundAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(pairs[0].foundAt) - Date.now())).toBeLessThan(60_000);
    expect(await store.pairOf('p-b', 'p-a')).toEqual(pairs[0]);
    expect(await store.pairOf('p-a', 'p-c')).toBeUndefined();
  });

  it('lists pairs by status, best first, for one municipality on either side or for all', async () => {
    await store.recordPair(pair('p-1', 'p-2', 0.7));
    await store.recordPair(pair('p-3', 'p-4', 0.95, 'dormagen', 'neuss'));
    await store.recordPair(pair('p-5', 'p-6', 0.8, 'dormagen', 'dormagen'));
    await store.recordPair(pair('p-7', 'p-8', 0.99, 'neuss', 'kaarst'));
    await store.decide('p-7:p-8', 'dismissed', 'coordinator-1');
    const ids = (pairs: DuplicatePair[]) => pairs.map((p) => p.pairId);
    expect(ids(await store.pairs({ status: 'open' }))).toEqual(['p-3:p-4', 'p-5:p-6', 'p-1:p-2']);
    expect(ids(await store.pairs({ status: 'open', municipality: 'neuss' }))).toEqual(['p-3:p-4', 'p-1:p-2']);
    expect(ids(await store.pairs({ status: 'open', municipality: 'kaarst' }))).toEqual([]);
    expect(ids(await store.pairs({ status: 'dismissed', municipality: 'kaarst' }))).toEqual(['p-7:p-8']);
    await store.decide('p-1:p-2', 'merged', 'coordinator-1');
    expect(await store.pairOf('p-2', 'p-1')).toMatchObject({ status: 'merged' });
    expect(ids(await store.pairs({ status: 'open', municipality: 'neuss' }))).toEqual(['p-3:p-4']);
  });
};
