import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { SQL_DRIVER } from '../src/database';
import { describeRequest, FuzzRequest, hostileRequest } from './support/fuzz/hostile-request';
import { OpenApiDocument, ResponseContract } from './support/contract/response-contract';
import { operationsOf } from './support/fuzz/openapi-operations';
import { FuzzFixtures } from './support/fuzz/valid-input';
import { bearer, bootTestApp } from './support/test-app';

/** How long the property runs: ≈ 20 s by default (every route gets one request first, so that reaches each), longer through `npm run fuzz -- --minutes N`. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);
if (!(SECONDS > 0)) throw new Error(`FUZZ_SECONDS must be a positive number of seconds, not ${process.env.FUZZ_SECONDS}`);
// Drawn here when not given, so that the one seed fast-check reports replays the first requests below too.
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
// Every role, so each route's own rules decide, not the role guard; the admin role also passes the tenant checks.
const TOKEN = bearer(['coach', 'coordinator', 'auditor', 'admin'], 'neuss', 'coach-1');

/**
 * Requests generated from the app's own OpenAPI document for every route, valid from the schemas
 * and then broken (deep nesting, control characters, lone surrogates, prototype keys, wrong types,
 * huge numbers, arrays for objects, missing and extra fields, bad ids, queries, If-Match and media
 * types), against the app on the PostgreSQL server. No answer may be a 5xx, no refused (4xx)
 * request may have written an event, and every answer must be one the document lists for the
 * operation (status, `code`, headers, body).
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

  /**
   * Events, and among them the guard's decision records: a refused opening (409) records why it was refused, for
   * the audit and the statistics, by design; it writes nothing else.
   */
  const eventCounts = async () => {
    const [row] = await sql.query<{ n: string; decisions: string }>(
      `select count(*)::text as n, (count(*) filter (where type = 'GuardDecisionRecorded'))::text as decisions from events`,
    );
    return { writes: Number(row.n) - Number(row.decisions), decisions: Number(row.decisions) };
  };

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
      // supertest's body is untyped: each reader takes the parts of the document it knows.
      const document: Parameters<typeof operationsOf>[0] & OpenApiDocument = (await http.get('/docs-json').expect(200)).body;
      const operations = operationsOf(document);
      const contract = new ResponseContract(document);
      expect(operations.length).toBeGreaterThanOrEqual(20);
      const fixtures = await createFixtures();
      const statuses = new Map<string, number>();
      const routesHit = new Set<string>();
      const undocumented = new Map<string, string>();

      // One generated request of every operation comes first, so that a short run (CI's) reaches every route too.
      const oneOfEach = operations.map((operation, i): [FuzzRequest] => [
        fc.sample(hostileRequest(operation, fixtures), { numRuns: 1, seed: SEED + i })[0],
      ]);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...operations).chain((operation) => hostileRequest(operation, fixtures)),
          async (req) => {
            const before = await eventCounts();
            const res = await send(req);
            const after = await eventCounts();
            const said = `${describeRequest(req)} → ${res.status} ${res.body?.code ?? ''}: ${String(res.body?.detail ?? '').slice(0, 300)}`;
            statuses.set(`${res.status}`, (statuses.get(`${res.status}`) ?? 0) + 1);
            routesHit.add(`${req.method} ${req.route}`);
            // A read that asked for a position its read model has not reached waits and then says so: by design, not a failure.
            const waitedInVain = res.status === 503 && res.body?.code === 'read_model_behind';
            if (res.status >= 500 && !waitedInVain) throw new Error(`server error: ${said}`);
            if (res.status >= 400 && after.writes !== before.writes) {
              throw new Error(`refused but wrote ${after.writes - before.writes} event(s): ${said}`);
            }
            // An opening records the guard's decision: beside the pathway when allowed, alone when refused (a 409).
            // Any other refusal (a 4xx) must leave no decision either.
            if (res.status >= 400 && res.status !== 409 && after.decisions !== before.decisions)
              throw new Error(`refused but recorded a guard decision: ${said}`);
            // A mutated path segment or an oversized header is no longer a request of the operation: an unknown path's
            // 404, a known one's 405, or Node's own 431 from before the app. Everything else must be as documented.
            const ofTheOperation = !req.mutation.startsWith('path segment') && res.status !== 431;
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers as Record<string, string | string[]>)) {
              for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            const broken = !ofTheOperation
              ? []
              : contract.check({ method: req.method, path: req.route, status: res.status, headers, body: res.text ?? '' });
            // Collected rather than thrown, so one run lists every way the answers and the document differ.
            for (const problem of broken) if (!undocumented.has(problem)) undocumented.set(problem, said.slice(0, 400));
          },
        ),
        { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: SECONDS * 1_000, seed: SEED, examples: oneOfEach, verbose: 1 },
      );

      const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
      process.stdout.write(
        `fuzz: ${total} requests in ${SECONDS} s on ${routesHit.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
      );
      expect([...undocumented].map(([problem, example]) => `${problem}\n    e.g. ${example}`)).toEqual([]);
      // Bounded runs must still have reached every route and produced refusals as well as successes.
      expect(routesHit.size).toBe(operations.length);
      expect([...statuses.keys()].some((s) => s.startsWith('2'))).toBe(true);
      expect([...statuses.keys()].some((s) => s.startsWith('4'))).toBe(true);
    },
    (SECONDS + 120) * 1_000,
  );
});
