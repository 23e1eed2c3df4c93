import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { SQL_DRIVER } from '../src/database';
import { describeRequest, FuzzRequest, hostileRequest } from './support/fuzz/hostile-request';
import { operationsOf } from './support/fuzz/openapi-operations';
import { FuzzFixtures } from './support/fuzz/valid-input';
import { bearer, bootTestApp } from './support/test-app';

/** How long the property runs: ≈ 45 s in CI, longer through `npm run fuzz -- --minutes N`. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
if (!(SECONDS > 0)) throw new Error(`FUZZ_SECONDS must be a positive number of seconds, not ${process.env.FUZZ_SECONDS}`);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
// Every role, so each route's own rules decide, not the role guard; the admin role also passes the tenant checks.
const TOKEN = bearer(['coach', 'coordinator', 'auditor', 'admin'], 'neuss', 'coach-1');

/**
 * Requests generated from the app's own OpenAPI document for every route, valid from the schemas
 * and then broken (deep nesting, control characters, lone surrogates, prototype keys, wrong types,
 * huge numbers, arrays for objects, missing and extra fields, bad ids, queries, If-Match and media
 * types), against the app on the PostgreSQL server. No answer may be a 5xx, and no refused (4xx)
 * request may have written an event.
 */
describe('fuzzing every route from the OpenAPI document (PostgreSQL server)', () => {
  const schema = freshSchemaName('lotse_fuzz');
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let sql: SqlDriver;

  beforeAll(async () => {
    // Rate limits off: with them, most generated writes would stop at 429 and never reach the code under test.
    app = await bootTestApp(`${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`, undefined, {
      env: { RATE_LIMIT_WRITES: '0', RATE_LIMIT_AUTH_FAILURES: '0' },
    });
    http = request(app.getHttpServer());
    sql = app.get(SQL_DRIVER);
  });
  afterAll(async () => {
    await app?.close();
    await dropSchemas([schema]);
  });

  const eventCount = async () => Number((await sql.query<{ n: string }>('select count(*)::text as n from events'))[0].n);

  /** Several people with an entitlement and a pathway each: the fuzzer erases, merges and ends some of them. */
  const createFixtures = async (): Promise<FuzzFixtures> => {
    const fixtures: FuzzFixtures = { participantIds: [], pathwayIds: [], reachedPosition: 0 };
    for (const [given, family, birthDate] of [
      ['Amira', 'Haddad', '2004-05-17'],
      ['Yusuf', 'Rahmani', '2001-06-20'],
      ['Youssef', 'Rahmani', '2001-06-20'],
      ['Laila', 'Noori', '2006-04-02'],
    ]) {
      const participant = await http
        .post('/participants')
        .set('Authorization', TOKEN)
        .send({
          givenName: given,
          familyName: family,
          birthDate,
          municipality: 'neuss',
          residenceStatus: 'duldung',
          entitlements: [{ jurisdiction: 'sgb3', from: '2025-01-01' }],
        })
        .expect(201);
      const pathway = await http
        .post('/pathways')
        .set('Authorization', TOKEN)
        .send({
          participantId: participant.body.id,
          kind: 'coaching',
          jurisdiction: 'sgb3',
          provider: 'IN VIA',
          goal: 'A training place',
          plannedStart: '2026-01-01',
          plannedEnd: '2026-12-31',
        })
        .expect(201);
      fixtures.participantIds.push(participant.body.id);
      fixtures.pathwayIds.push(pathway.body.id);
      fixtures.reachedPosition = pathway.body.position;
    }
    return fixtures;
  };

  const send = (req: FuzzRequest) => {
    let call = http[req.method](`${req.path}${req.query ? `?${req.query}` : ''}`).set('Authorization', TOKEN);
    for (const [name, value] of Object.entries(req.headers)) call = call.set(name, value);
    return req.body === undefined ? call : call.send(req.body);
  };

  it(
    `answers no request with a 5xx and writes nothing for a refused one (${SECONDS} s)`,
    async () => {
      const operations = operationsOf((await http.get('/docs-json').expect(200)).body);
      expect(operations.length).toBeGreaterThanOrEqual(20);
      const fixtures = await createFixtures();
      const statuses = new Map<string, number>();
      const routesHit = new Set<string>();

      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...operations).chain((operation) => hostileRequest(operation, fixtures)),
          async (req) => {
            const before = await eventCount();
            const res = await send(req);
            const after = await eventCount();
            const said = `${describeRequest(req)} → ${res.status} ${res.body?.code ?? ''}: ${String(res.body?.detail ?? '').slice(0, 300)}`;
            statuses.set(`${res.status}`, (statuses.get(`${res.status}`) ?? 0) + 1);
            routesHit.add(`${req.method} ${req.route}`);
            // A read that asked for a position its read model has not reached waits and then says so: by design, not a failure.
            const waitedInVain = res.status === 503 && res.body?.code === 'read_model_behind';
            if (res.status >= 500 && !waitedInVain) throw new Error(`server error: ${said}`);
            if (res.status >= 400 && after !== before) throw new Error(`refused but wrote ${after - before} event(s): ${said}`);
          },
        ),
        { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: SECONDS * 1_000, seed: SEED, verbose: 1 },
      );

      const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
      process.stdout.write(
        `fuzz: ${total} requests in ${SECONDS} s on ${routesHit.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
      );
      // Bounded runs must still have reached every route and produced refusals as well as successes.
      expect(routesHit.size).toBe(operations.length);
      expect([...statuses.keys()].some((s) => s.startsWith('2'))).toBe(true);
      expect([...statuses.keys()].some((s) => s.startsWith('4'))).toBe(true);
    },
    (SECONDS + 120) * 1_000,
  );
});
