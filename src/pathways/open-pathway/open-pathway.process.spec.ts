import { Logger } from '@nestjs/common';
import {
  NRW_ELIGIBILITY_2026,
  offerDecider,
  offerStreamId,
  participantDecider,
  participantStreamId,
  pathwayDecider,
  pathwayStreamId,
} from '@lotse/domain';
import { createEventStore, EventStore, EventStoreLocation } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, RequestContext } from '../../event-sourcing';
import { EnrolmentLedgerService } from '../../guard';
import { OfferAccess, OfferPlaces } from '../../offers';
import { KeyStore, PersonalDataVault } from '../../personal-data';
import { OpenPathwayProcess } from './open-pathway.process';

/** Keys in memory: the vault's storage is not what these tests are about. */
class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, string>();
  async init(): Promise<void> {}
  async putIfAbsent(participantId: string, wrappedKey: string): Promise<string> {
    if (!this.keys.has(participantId)) this.keys.set(participantId, wrappedKey);
    return this.keys.get(participantId)!;
  }
  async get(participantId: string): Promise<string | undefined> {
    return this.keys.get(participantId);
  }
  async destroy(participantId: string): Promise<void> {
    this.keys.set(participantId, 'erased');
  }
}

/** The event store, except that the next `failures` appends to an enrolment ledger (or streams of another `prefix`) fail as if the database had gone away. */
const withFlakyLedger = (store: EventStore) => {
  const flaky = { failures: 0, failed: 0, prefix: 'enrolment-' };
  const append: EventStore['append'] = (streamId, events, options) => {
    if (streamId.startsWith(flaky.prefix) && flaky.failures > 0) {
      flaky.failures -= 1;
      flaky.failed += 1;
      return Promise.reject(new Error('connection terminated unexpectedly'));
    }
    return store.append(streamId, events, options);
  };
  return { store: Object.assign(Object.create(store) as EventStore, { append }), flaky };
};

const user: AuthenticatedUser = { sub: 'coach-1', roles: ['coach'], municipality: 'neuss' };
const context = (overrides: Partial<RequestContext> = {}): RequestContext => ({
  actor: 'coach-1',
  role: 'coach',
  municipality: 'neuss',
  correlationId: 'req-1',
  now: new Date().toISOString(),
  ...overrides,
});
const planned = { kind: 'coaching' as const, jurisdiction: 'state' as const, provider: 'Caritas', goal: 'B1 certificate' };

const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

const stores: [string, () => EventStoreLocation][] = [
  ['PGlite', () => ({ engine: 'pglite', dir: 'memory://', schema: 'lotse' })],
  [
    'the PostgreSQL server',
    () => {
      const schema = freshSchemaName('lotse_process');
      schemas.push(schema);
      return { engine: 'postgres', connectionString: TEST_DATABASE_URL, schema };
    },
  ],
];

describe.each(stores)('OpenPathwayProcess on %s', (_, location) => {
  let store: EventStore;
  let flaky: { failures: number; failed: number; prefix: string };
  let runner: CommandRunner;
  let ledger: EnrolmentLedgerService;
  let process: OpenPathwayProcess;
  let vault: PersonalDataVault;
  let places: OfferPlaces;

  // One store per engine for the file: booting one (PGlite's WASM, a schema on the server) costs far more
  // than a test, and each test has participants and offers of its own, so none sees another's streams.
  beforeAll(async () => {
    store = await createEventStore(location());
  });
  afterAll(() => store.close());

  beforeEach(async () => {
    const flakyStore = withFlakyLedger(store);
    flaky = flakyStore.flaky;
    runner = new CommandRunner(flakyStore.store);
    ledger = new EnrolmentLedgerService(runner, [NRW_ELIGIBILITY_2026]);
    vault = new PersonalDataVault(new MemoryKeyStore(), Buffer.alloc(32, 7));
    const policy = { attemptsInRequest: 3, firstDelayMs: 5, maxDelayMs: 20 };
    places = new OfferPlaces(runner, new OfferAccess(runner), flakyStore.store, policy);
    process = new OpenPathwayProcess(runner, ledger, vault, flakyStore.store, places, policy);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await process.beforeApplicationShutdown();
    await places.beforeApplicationShutdown();
    jest.restoreAllMocks();
  });

  const register = async (participantId: string) => {
    await runner.run({
      streamId: participantStreamId(participantId),
      decider: participantDecider,
      context: context(),
      command: {
        type: 'RegisterParticipant',
        metadata: commandMetadata(context()),
        data: {
          participantId,
          municipality: 'neuss',
          residenceStatus: 'duldung',
          entitlements: [],
          personalData: await vault.seal(participantId, { givenName: 'Samir', familyName: 'Nasser', birthDate: '2005-02-11' }),
        },
      },
    });
  };
  const open = (participantId: string, plannedStart: string, plannedEnd: string) =>
    process.open(user, context(), { participantId, ...planned, plannedStart, plannedEnd });
  const complete = (pathwayId: string, endedOn: string) =>
    runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context: context(),
      command: { type: 'CompletePathway', metadata: commandMetadata(context()), data: { outcome: 'training_place', endedOn } },
    });
  const ledgerPathways = async (participantId: string) =>
    (await ledger.load(participantId)).state.pathways.map((p) => [p.pathwayId, p.status]);

  it('records the end in the ledger when its appends fail twice and then succeed, within the request', async () => {
    await register('a-1');
    const opened = await open('a-1', '2026-01-01', '2026-06-30');
    await complete(opened.id, '2026-03-01');
    flaky.failures = 2;

    const position = await process.pathwayEnded(
      { participantId: 'a-1', pathwayId: opened.id, status: 'completed', outcome: 'training_place', endedOn: '2026-03-01' },
      context(),
    );

    expect(flaky.failed).toBe(2);
    expect(position).toBeGreaterThan(opened.position);
    expect(await ledgerPathways('a-1')).toEqual([[opened.id, 'completed']]);
  });

  it('keeps retrying in the background once the request has given up, until the ledger records the end', async () => {
    await register('a-2');
    const opened = await open('a-2', '2026-01-01', '2026-06-30');
    await complete(opened.id, '2026-03-01');
    flaky.failures = 6;

    const position = await process.pathwayEnded(
      { participantId: 'a-2', pathwayId: opened.id, status: 'completed', outcome: 'training_place', endedOn: '2026-03-01' },
      context(),
    );

    expect(position).toBeUndefined();
    expect(await ledgerPathways('a-2')).toEqual([[opened.id, 'active']]);
    for (let waited = 0; process.pendingFollowUps > 0 && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(flaky.failed).toBe(6);
    expect(await ledgerPathways('a-2')).toEqual([[opened.id, 'completed']]);
  });

  it('does not retry a refusal: the ledger has no such pathway', async () => {
    await register('a-3');
    const position = await process.pathwayEnded(
      { participantId: 'a-3', pathwayId: 'never-reserved', status: 'completed', outcome: 'training_place', endedOn: '2026-03-01' },
      context(),
    );
    expect(position).toBeUndefined();
    expect(process.pendingFollowUps).toBe(0);
  });

  it('catches up an end the ledger missed before the guard decides on the next pathway', async () => {
    await register('a-4');
    const first = await open('a-4', '2026-01-01', '2026-06-30');
    // The pathway ended, and the process died before its follow-up reached the ledger.
    await complete(first.id, '2026-03-01');
    expect(await ledgerPathways('a-4')).toEqual([[first.id, 'active']]);

    // Without the catch-up the guard would refuse this one as overlapping a running pathway (R1).
    const second = await open('a-4', '2026-04-01', '2026-09-30');

    expect(await ledgerPathways('a-4')).toEqual([
      [first.id, 'completed'],
      [second.id, 'active'],
    ]);
  });

  it('releases the reservation when opening the pathway fails, even if the ledger fails once on the way', async () => {
    await register('a-5');
    flaky.failures = 0;
    const failingOpen = jest.spyOn(runner, 'run').mockImplementation(async (run) => {
      if (run.streamId.startsWith('pathway-')) {
        flaky.failures = 1;
        throw new Error('the pathway stream could not be written');
      }
      return CommandRunner.prototype.run.call(runner, run);
    });

    await expect(open('a-5', '2026-01-01', '2026-06-30')).rejects.toThrow('the pathway stream could not be written');
    failingOpen.mockRestore();

    expect(flaky.failed).toBe(1);
    expect(await ledgerPathways('a-5')).toEqual([]);
  });

  it('records the age on the planned start in PathwayOpened, opened from the sealed birth date', async () => {
    await register('a-6');
    const opened = await open('a-6', '2026-02-11', '2026-06-30');
    const [event] = await store.readStream(pathwayStreamId(opened.id));
    expect(event.data).toMatchObject({ ageAtStart: 21 });
    expect(JSON.stringify(event.data)).not.toContain('2005-02-11');
  });

  describe('with a place in an offer', () => {
    const publish = async (offerId: string, placeCount: number) => {
      await runner.run({
        streamId: offerStreamId(offerId),
        decider: offerDecider,
        context: context(),
        command: {
          type: 'PublishOffer',
          metadata: commandMetadata(context()),
          data: {
            offerId,
            municipality: 'neuss',
            title: 'Coaching for the training market',
            provider: 'Caritas',
            kind: 'coaching',
            jurisdiction: 'state',
            places: placeCount,
            openTo: ['duldung'],
            openingPossible: [],
            period: { from: '2026-01-01' },
            languages: ['de'],
          },
        },
      });
    };
    const openIn = (offerId: string, participantId: string, plannedStart: string, plannedEnd: string) =>
      process.open(user, context(), { participantId, ...planned, plannedStart, plannedEnd, offerId });
    const held = async (offerId: string) => {
      const { state } = await runner.load(offerStreamId(offerId), offerDecider);
      return state.status === 'published' ? state.held : [];
    };

    it('gives back both the reservation and the place when opening the pathway fails after taking it', async () => {
      await register('b-1');
      await publish('10000000-0000-4000-8000-000000000001', 2);
      const failingOpen = jest.spyOn(runner, 'run').mockImplementation(async (run) => {
        if (run.streamId.startsWith('pathway-')) throw new Error('the pathway stream could not be written');
        return CommandRunner.prototype.run.call(runner, run);
      });

      await expect(openIn('10000000-0000-4000-8000-000000000001', 'b-1', '2026-01-01', '2026-06-30')).rejects.toThrow(
        'could not be written',
      );
      failingOpen.mockRestore();

      expect(await ledgerPathways('b-1')).toEqual([]);
      expect(await held('10000000-0000-4000-8000-000000000001')).toEqual([]);
    });

    it('gives the place back when the pathway ends, even if the offer fails twice on the way', async () => {
      await register('b-2');
      await publish('10000000-0000-4000-8000-000000000002', 1);
      const opened = await openIn('10000000-0000-4000-8000-000000000002', 'b-2', '2026-01-01', '2026-06-30');
      expect(await held('10000000-0000-4000-8000-000000000002')).toEqual([opened.id]);
      await complete(opened.id, '2026-03-01');
      Object.assign(flaky, { prefix: 'offer-', failures: 2 });

      await process.pathwayEnded(
        { participantId: 'b-2', pathwayId: opened.id, status: 'completed', outcome: 'training_place', endedOn: '2026-03-01' },
        context(),
        '10000000-0000-4000-8000-000000000002',
      );

      expect(flaky.failed).toBe(2);
      expect(await held('10000000-0000-4000-8000-000000000002')).toEqual([]);
    });

    it('gives back a place whose pathway ended without it, before the offer would refuse the next one as full', async () => {
      await register('b-3');
      await register('b-4');
      await publish('10000000-0000-4000-8000-000000000003', 1);
      const first = await openIn('10000000-0000-4000-8000-000000000003', 'b-3', '2026-01-01', '2026-06-30');
      // The pathway ended, and the process died before its follow-up gave the place back.
      await complete(first.id, '2026-03-01');

      const second = await openIn('10000000-0000-4000-8000-000000000003', 'b-4', '2026-04-01', '2026-09-30');

      expect(await held('10000000-0000-4000-8000-000000000003')).toEqual([second.id]);
    });
  });
});
