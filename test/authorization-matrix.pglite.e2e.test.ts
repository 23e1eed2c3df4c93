import { loadPageAssets } from '../src/statistics-page/page-assets';
import { INestApplication } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { Role, ROLES } from '@lotse/domain';
import { SqlDriver } from '@lotse/event-store';
import { MERKLE_TREE_STORE } from '../src/audit-log';
import { treeReaches } from '../src/audit-log/testing';
import { signTestToken } from '../src/auth/testing';
import { SQL_DRIVER } from '../src/database';
import { AUTHORIZATION_TABLE, BAD_TOKENS, BadToken, Expected, expectedFor, Municipality } from './support/authorization-table';
import { routesOf } from './support/route-inventory';
import { bootTestApp, TEST_SECRET } from './support/test-app';

/** The caller's municipality; "other" cells aim at the same resources in the other one. */
const OWN = 'neuss';
const OTHER = 'dormagen';
type Slug = typeof OWN | typeof OTHER;

interface Resources {
  municipality: Slug;
  participantId: string;
  duplicateId: string;
  entitlementId: string;
  pathwayId: string;
  offerId: string;
  reportId: string;
  /** The participant's first event, for the audit log's inclusion proof. */
  eventId: string;
}

interface Call {
  path: string;
  body?: object;
}

/**
 * How to call each route on the resources of one municipality, with a body that passes
 * validation: the tenant check comes after it, so an invalid body would hide a missing one.
 */
const CALLS: Readonly<Record<string, (r: Resources) => Call>> = {
  'GET /health': () => ({ path: '/health' }),
  'GET /metrics': () => ({ path: '/metrics' }),
  'GET /statistics': () => ({ path: '/statistics' }),
  'GET /statistics/assets/:file': () => ({ path: `/statistics/assets/${loadPageAssets().scriptName}` }),
  'POST /participants': (r) => ({
    path: '/participants',
    body: { givenName: 'Probe', familyName: 'Matrix', birthDate: '2001-02-03', municipality: r.municipality, residenceStatus: 'duldung' },
  }),
  'GET /participants/:id': (r) => ({ path: `/participants/${r.participantId}` }),
  'POST /participants/:id/residence-status': (r) => ({
    path: `/participants/${r.participantId}/residence-status`,
    body: { residenceStatus: 'duldung', changedOn: '2026-02-01' },
  }),
  'POST /participants/:id/entitlements': (r) => ({
    path: `/participants/${r.participantId}/entitlements`,
    body: { jurisdiction: 'sgb3', from: '2026-01-01' },
  }),
  'POST /participants/:id/entitlements/:entitlementId/end': (r) => ({
    path: `/participants/${r.participantId}/entitlements/${r.entitlementId}/end`,
    body: { to: '2025-06-30' },
  }),
  'DELETE /participants/:id/personal-data': (r) => ({ path: `/participants/${r.duplicateId}/personal-data` }),
  'POST /participants/:id/needs-assessments': (r) => ({
    path: `/participants/${r.participantId}/needs-assessments`,
    body: { assessedOn: '2026-02-01', needs: ['coaching', 'housing'], germanLevel: 'a2' },
  }),
  'POST /pathways': (r) => ({
    path: '/pathways',
    body: {
      participantId: r.participantId,
      kind: 'coaching',
      jurisdiction: 'sgb8',
      provider: 'Jugendamt',
      goal: 'A training place',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-06-30',
    },
  }),
  'GET /pathways': (r) => ({ path: `/pathways?municipality=${r.municipality}` }),
  'GET /pathways/:id': (r) => ({ path: `/pathways/${r.pathwayId}` }),
  'POST /pathways/:id/case-steps': (r) => ({
    path: `/pathways/${r.pathwayId}/case-steps`,
    body: { kind: 'counselling', occurredAt: '2026-02-01T09:30:00+01:00' },
  }),
  'POST /pathways/:id/complete': (r) => ({ path: `/pathways/${r.pathwayId}/complete`, body: { outcome: 'school', endedOn: '2026-02-01' } }),
  'POST /pathways/:id/abort': (r) => ({
    path: `/pathways/${r.pathwayId}/abort`,
    body: { outcome: 'dropped_out', endedOn: '2026-02-01', reason: 'No longer came.' },
  }),
  'POST /pathways/:id/transfer': (r) => ({ path: `/pathways/${r.pathwayId}/transfer`, body: { toCoachId: 'coach-9' } }),
  'POST /overrides': (r) => ({
    path: '/overrides',
    body: {
      participantId: r.participantId,
      rule: 'subsidiarity',
      reason: 'The job centre confirmed in writing that it cannot offer this.',
      validUntil: '2099-12-31',
    },
  }),
  'POST /participants/:id/case-conferences': (r) => ({
    path: `/participants/${r.participantId}/case-conferences`,
    body: { heldOn: '2025-10-15', decision: 'One more coaching with a mentor from the youth welfare office.' },
  }),
  'GET /participants/:id/career': (r) => ({ path: `/participants/${r.participantId}/career` }),
  'GET /duplicates': () => ({ path: '/duplicates' }),
  'POST /participants/:id/merge': (r) => ({ path: `/participants/${r.participantId}/merge`, body: { duplicateId: r.duplicateId } }),
  'POST /participants/:id/not-duplicate': (r) => ({
    path: `/participants/${r.participantId}/not-duplicate`,
    body: { duplicateId: r.duplicateId },
  }),
  'GET /conflicts': (r) => ({ path: `/conflicts?municipality=${r.municipality}` }),
  'POST /offers': (r) => ({
    path: '/offers',
    body: {
      title: 'Probe course',
      provider: 'VHS',
      kind: 'coaching',
      jurisdiction: 'state',
      municipality: r.municipality,
      places: 3,
      openTo: ['gestattung'],
      period: { from: '2026-01-01' },
    },
  }),
  'GET /offers': (r) => ({ path: `/offers?municipality=${r.municipality}` }),
  'GET /offers/:id': (r) => ({ path: `/offers/${r.offerId}` }),
  'POST /offers/:id/places': (r) => ({ path: `/offers/${r.offerId}/places`, body: { places: 5, changedOn: '2026-02-01' } }),
  'POST /offers/:id/close': (r) => ({ path: `/offers/${r.offerId}/close`, body: { closedOn: '2099-01-01', reason: 'Funding ended.' } }),
  'GET /statistics/pathways': (r) => ({ path: `/statistics/pathways?municipality=${r.municipality}` }),
  'GET /statistics/needs-offers': (r) => ({ path: `/statistics/needs-offers?municipality=${r.municipality}` }),
  'GET /statistics/careers': (r) => ({ path: `/statistics/careers?municipality=${r.municipality}` }),
  'GET /statistics/outputs': (r) => ({ path: `/statistics/outputs?municipality=${r.municipality}` }),
  'POST /reports': (r) => ({ path: '/reports', body: { type: 'outputs', parameters: { municipality: r.municipality } } }),
  'GET /reports': () => ({ path: '/reports' }),
  'GET /reports/:id': (r) => ({ path: `/reports/${r.reportId}` }),
  'GET /reports/:id/reproduction': (r) => ({ path: `/reports/${r.reportId}/reproduction` }),
  'GET /audit/checkpoints/latest': () => ({ path: '/audit/checkpoints/latest' }),
  'GET /audit/checkpoints': () => ({ path: '/audit/checkpoints?treeSize=1' }),
  'GET /audit/proofs/inclusion': (r) => ({ path: `/audit/proofs/inclusion?eventId=${r.eventId}` }),
  'GET /audit/proofs/consistency': () => ({ path: '/audit/proofs/consistency?from=1&to=2' }),
  'GET /audit/public-key': () => ({ path: '/audit/public-key' }),
  'GET /audit/verify': (r) => ({ path: `/audit/verify?stream=participant-${r.participantId}` }),
  'GET /audit/log': () => ({ path: '/audit/log?toPosition=2' }),
  'GET /audit/streams/:streamId/events': (r) => ({ path: `/audit/streams/participant-${r.participantId}/events` }),
  'GET /audit/participants/:id/decisions': (r) => ({ path: `/audit/participants/${r.participantId}/decisions` }),
  'GET /audit/access': (r) => ({ path: `/audit/access?participantId=${r.participantId}` }),
  'GET /participants/:id/access-report': (r) => ({ path: `/participants/${r.participantId}/access-report` }),
  'GET /admin/projections': () => ({ path: '/admin/projections' }),
  'POST /admin/projections/:name/rebuild': () => ({ path: '/admin/projections/case_steps/rebuild' }),
};

const tokenOf = (role: Role): string => `Bearer ${signTestToken({ sub: `${role}-${OWN}`, roles: [role], municipality: OWN }, TEST_SECRET)}`;

const BAD: Record<BadToken, string | undefined> = {
  none: undefined,
  expired: `Bearer ${signTestToken({ sub: 'admin-1', roles: ['admin'], municipality: OWN }, TEST_SECRET, { expiresIn: -3600 })}`,
  forged: `Bearer ${signTestToken({ sub: 'admin-1', roles: ['admin'], municipality: OWN }, 'not-the-secret-of-the-app-but-as-long-000')}`,
  'alg:none': `Bearer ${sign({ sub: 'admin-1', roles: ['admin'], municipality: OWN }, '', { algorithm: 'none', expiresIn: '5m' })}`,
};

describe('the authorization matrix: every route × role × municipality × bad token (pglite:memory://)', () => {
  let app: INestApplication;
  const resources = {} as Record<Municipality, Resources>;

  const send = (method: string, { path, body }: Call, authorization: string | undefined) => {
    const call = request(app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
    if (authorization) call.set('Authorization', authorization);
    return body ? call.send(body) : call;
  };

  const register = async (municipality: Slug): Promise<Resources> => {
    const admin = `Bearer ${signTestToken({ sub: `setup-${municipality}`, roles: ['admin'], municipality }, TEST_SECRET)}`;
    const post = (path: string, body: object) =>
      send('POST', { path, body }, admin)
        .expect(201)
        .then((res) => res.body.id as string);
    const person = { birthDate: '2004-05-17', municipality, residenceStatus: 'gestattung' };
    const participantId = await post('/participants', { ...person, givenName: 'Amira', familyName: 'Haddad' });
    const duplicateId = await post('/participants', { ...person, givenName: 'Amira', familyName: 'Hadad' });
    const entitlementId = await post(`/participants/${participantId}/entitlements`, {
      jurisdiction: 'sgb2',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    const pathwayId = await post('/pathways', {
      participantId,
      kind: 'language_support',
      jurisdiction: 'state',
      provider: 'VHS',
      goal: 'B1 certificate',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    });
    const offerId = await post('/offers', {
      title: 'B1 course',
      provider: 'VHS',
      kind: 'language_support',
      jurisdiction: 'state',
      municipality,
      places: 3,
      openTo: ['gestattung'],
      period: { from: '2026-01-01' },
    });
    const reportId = await post('/reports', { type: 'pathways', parameters: { municipality } });
    const pairs = await send('GET', { path: '/duplicates' }, admin).expect(200);
    // Without the pair, merge and not-duplicate would answer 404 before their tenant check.
    expect(JSON.stringify(pairs.body)).toContain(duplicateId);
    const sql = app.get<SqlDriver>(SQL_DRIVER, { strict: false });
    const [event] = await sql.query<{ event_id: string; position: string }>(
      'select event_id::text, global_position::text as position from events where stream_id = $1 and stream_version = 0',
      [`participant-${participantId}`],
    );
    // The inclusion proof answers 404 for an event the tree has not taken in yet, before it looks at the tenant.
    expect(await treeReaches(app.get(MERKLE_TREE_STORE), Number(event.position), 30_000)).toBe(true);
    return { municipality, participantId, duplicateId, entitlementId, pathwayId, offerId, reportId, eventId: event.event_id };
  };

  beforeAll(async () => {
    // The matrix sends hundreds of refused tokens and writes from one address in seconds; the
    // rate limits have tests of their own and would only turn these cells into 429s.
    app = await bootTestApp('pglite:memory://', undefined, { env: { RATE_LIMIT_AUTH_FAILURES: '0', RATE_LIMIT_WRITES: '0' } });
    resources.own = await register(OWN);
    resources.other = await register(OTHER);
    // Two municipalities of resources through the real app: a minute on a shared, busy 2-core machine.
  }, 180_000);
  afterAll(() => app?.close());

  it('has an entry in the table and a call for every route of the app, and no entry for a route that is gone', () => {
    const keys = routesOf(app)
      .map((route) => route.key)
      .sort();
    expect(Object.keys(AUTHORIZATION_TABLE).sort()).toEqual(keys);
    expect(Object.keys(CALLS).sort()).toEqual(keys);
  });

  it('agrees with what each route declares (@Public, @Roles)', () => {
    const declared = Object.fromEntries(
      routesOf(app).map((route) => [route.key, route.isPublic ? 'public' : [...route.roles].sort().join(',')]),
    );
    const expected = Object.fromEntries(
      Object.entries(AUTHORIZATION_TABLE).map(([key, access]) => [
        key,
        access.access === 'public' ? 'public' : [...access.roles].sort().join(','),
      ]),
    );
    expect(declared).toEqual(expected);
  });

  /** Runs the cells one after another and lists every one that answered otherwise. */
  const mismatches = async (cells: Array<{ label: string; method: string; call: Call; authorization?: string; expected: Expected }>) => {
    const wrong: string[] = [];
    for (const { label, method, call, authorization, expected } of cells) {
      const { status } = await send(method, call, authorization);
      const fits = expected === 'allowed' ? status !== 401 && status !== 403 && status < 500 : status === expected;
      if (!fits) wrong.push(`${label}: expected ${expected}, got ${status}`);
    }
    return wrong;
  };

  const routeCells = () =>
    Object.entries(AUTHORIZATION_TABLE).map(([key, access]) => {
      const [method] = key.split(' ');
      return { key, access, method };
    });

  it('answers 401 to no token, an expired, a forged and an alg:none token on every route but the public ones', async () => {
    const cells = routeCells().flatMap(({ key, access, method }) =>
      BAD_TOKENS.map((bad) => ({
        label: `${key} with ${bad} token`,
        method,
        call: CALLS[key](resources.own),
        authorization: BAD[bad],
        expected: access.access === 'public' ? ('allowed' as const) : (401 as const),
      })),
    );
    expect(await mismatches(cells)).toEqual([]);
  });

  // Refusals first: they change nothing, so every allowed cell afterwards still finds the resources as set up.
  it('refuses with 403 (or 404, where even existence is hidden) every role and municipality the table refuses', async () => {
    const cells = routeCells()
      .flatMap(({ key, access, method }) =>
        ROLES.flatMap((role) =>
          (['own', 'other'] as const).map((municipality) => ({
            label: `${key} as ${role} (${municipality} municipality)`,
            method,
            call: CALLS[key](resources[municipality]),
            authorization: tokenOf(role),
            expected: expectedFor(access, role, municipality),
          })),
        ),
      )
      .filter((cell) => cell.expected === 403 || cell.expected === 404);
    expect(cells.length).toBeGreaterThan(50);
    expect(await mismatches(cells)).toEqual([]);
  });

  it('lets every role and municipality the table allows past authorization (any answer but 401, 403 or 5xx)', async () => {
    const cells = routeCells()
      .flatMap(({ key, access, method }) =>
        ROLES.flatMap((role) =>
          (['own', 'other'] as const).map((municipality) => ({
            label: `${key} as ${role} (${municipality} municipality)`,
            method,
            call: CALLS[key](resources[municipality]),
            authorization: tokenOf(role),
            expected: expectedFor(access, role, municipality),
          })),
        ),
      )
      .filter((cell) => cell.expected === 'allowed');
    expect(cells.length).toBeGreaterThan(50);
    expect(await mismatches(cells)).toEqual([]);
  });
});
