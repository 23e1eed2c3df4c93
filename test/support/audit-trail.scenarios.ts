import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { ACCESS_LOG_STORE, AccessLogStore, AccessRecorder, firstBrokenLink } from '../../src/audit-trail';
import { AccessLogRetention } from '../../src/audit-trail/access-log/access-log-retention';
import { PERSONAL_DATA_READS } from '../../src/audit-trail/access-log/personal-data-reads';
import { SQL_DRIVER } from '../../src/database';
import { bearer, bootTestApp } from './test-app';

/** Batch rows read whole from the access log, inserted again as they were. */
const putBack = async (sql: SqlDriver, rows: readonly Record<string, unknown>[]): Promise<void> => {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql.query(
      `insert into access_log_batch (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      // The entries, subs and people (JSON) as text; times as the driver read them.
      columns.map((c) => (typeof row[c] === 'object' && row[c] !== null && !(row[c] instanceof Date) ? JSON.stringify(row[c]) : row[c])),
    );
  }
};

/** The first entry of the log that names `participantId`: its seq, and its batch row (first and last seq) and place in it. */
const firstEntryOf = async (sql: SqlDriver, participantId: string) => {
  const [row] = await sql.query<{ seq: string; first_seq: string; last_seq: string; index: number }>(
    `select e.item->>'seq' as seq, b.first_seq::text as first_seq, b.last_seq::text as last_seq, (e.n - 1)::int as index
     from access_log_batch b cross join lateral json_array_elements(b.entries) with ordinality as e(item, n)
     where (e.item->'entry'->'participantIds')::jsonb @> $1::jsonb order by b.first_seq, e.n limit 1`,
    [JSON.stringify([participantId])],
  );
  return { seq: Number(row.seq), firstSeq: Number(row.first_seq), lastSeq: Number(row.last_seq), index: row.index };
};

const coach = bearer(['coach'], 'neuss', 'coach-1');
const auditor = bearer(['auditor'], 'neuss', 'auditor-1');
const dormagenAuditor = bearer(['auditor'], 'dormagen', 'auditor-9');
const admin = bearer(['admin'], 'land-nrw', 'admin-1');
// GET /duplicates lists the pairs of the caller's own municipality, an admin's too.
const neussAdmin = bearer(['admin'], 'neuss', 'admin-1');
const coordinator = bearer(['coordinator'], 'neuss', 'coordinator-1');

const PURPOSE = 'Lotse-Purpose';
const REASON = 'Court order 12 O 345/26 asks for the case notes.';
const person = { givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17', municipality: 'neuss', residenceStatus: 'gestattung' };
const languageCourse = (participantId: string, overrides: Record<string, unknown> = {}) => ({
  participantId,
  kind: 'language_support',
  jurisdiction: 'state',
  provider: 'VHS Neuss',
  goal: 'B1 certificate',
  plannedStart: '2026-01-01',
  plannedEnd: '2026-06-30',
  ...overrides,
});

/** The auditors' routes end to end, the same on every event store: only `eventStoreUrl` differs. */
export const auditTrailScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, { env: { RATE_LIMIT_WRITES: '0' } });
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());

  const register = async (body: object = person) =>
    (await http.post('/participants').set('Authorization', coach).send(body).expect(201)).body as { id: string; position: number };
  const open = async (participantId: string, overrides: Record<string, unknown> = {}) =>
    (await http.post('/pathways').set('Authorization', coach).send(languageCourse(participantId, overrides)).expect(201)).body as {
      id: string;
      position: number;
    };
  const step = async (pathwayId: string) =>
    (
      await http
        .post(`/pathways/${pathwayId}/case-steps`)
        .set('Authorization', coach)
        .send({ kind: 'counselling', occurredAt: '2026-02-01T09:30:00+01:00', note: 'Talked about the exam date.' })
        .expect(201)
    ).body as { position: number };
  const history = (streamId: string, query = '', auth = auditor) =>
    http.get(`/audit/streams/${streamId}/events${query}`).set('Authorization', auth);
  const accessOf = async (query: string, auth = admin) =>
    (await http.get(`/audit/access?${query}`).set('Authorization', auth).expect(200)).body as {
      items: Array<Record<string, unknown> & { route: string; participantIds: string[]; action: string }>;
      total: number;
    };

  describe('the history of a stream', () => {
    it('lists every event with its whole envelope and its link in the hash chain, personal fields sealed', async () => {
      const { id: participantId } = await register();
      const pathway = await open(participantId);
      await step(pathway.id);

      const answer = await history(`pathway-${pathway.id}`).expect(200);
      expect(answer.headers['cache-control']).toContain('no-store');
      expect(answer.body).toMatchObject({
        streamId: `pathway-${pathway.id}`,
        municipality: 'neuss',
        participantId,
        erased: false,
        unsealed: false,
      });
      const [opened, recorded] = answer.body.events;
      expect(opened).toEqual({
        eventId: expect.any(String),
        type: 'PathwayOpened',
        schemaVersion: 1,
        actor: 'coach-1',
        role: 'coach',
        municipality: 'neuss',
        correlationId: expect.any(String),
        causationId: null,
        occurredAt: expect.any(String),
        recordedAt: expect.any(String),
        version: 0,
        position: pathway.position,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        previousHash: '',
        data: expect.objectContaining({ pathwayId: pathway.id, kind: 'language_support', goal: { sealed: true } }),
      });
      expect(recorded).toMatchObject({
        type: 'CaseStepRecorded',
        version: 1,
        previousHash: opened.hash,
        data: { step: { note: { sealed: true } } },
      });
      expect(JSON.stringify(answer.body)).not.toContain('B1 certificate');

      const later = await history(`pathway-${pathway.id}`, '?fromVersion=1').expect(200);
      expect(later.body.events.map((e: { version: number }) => e.version)).toEqual([1]);
      expect(later.body.events[0].previousHash).toBe(opened.hash);
      const earlier = await history(`pathway-${pathway.id}`, `?until=${pathway.position}`).expect(200);
      expect(earlier.body.events.map((e: { type: string }) => e.type)).toEqual(['PathwayOpened']);
      const byTime = await history(`pathway-${pathway.id}`, `?until=${encodeURIComponent(opened.recordedAt)}`).expect(200);
      expect(byTime.body.events).toHaveLength(1);
    });

    it('names the stream of every kind the service writes: registration, enrolment ledger, refused decisions, offer', async () => {
      const { id: participantId } = await register();
      await open(participantId);
      await http.post('/pathways').set('Authorization', coach).send(languageCourse(participantId)).expect(409);
      for (const streamId of [`participant-${participantId}`, `enrolment-${participantId}`, `guard-decisions-${participantId}`]) {
        const answer = await history(streamId).expect(200);
        expect(answer.body).toMatchObject({ municipality: 'neuss', participantId });
        expect(answer.body.events.length).toBeGreaterThan(0);
      }
      const offer = await http
        .post('/offers')
        .set('Authorization', coordinator)
        .send({
          title: 'B1',
          provider: 'VHS',
          kind: 'language_support',
          jurisdiction: 'state',
          municipality: 'neuss',
          places: 3,
          openTo: ['gestattung'],
          period: { from: '2026-01-01' },
        })
        .expect(201);
      expect((await history(`offer-${offer.body.id}`).expect(200)).body).toMatchObject({ municipality: 'neuss', participantId: null });
    });

    it('opens sealed fields only with a reason and a purpose, and records the unsealing', async () => {
      const { id: participantId } = await register();
      const pathway = await open(participantId);
      await step(pathway.id);
      const streamId = `pathway-${pathway.id}`;
      const reason = `?unseal=true&reason=${encodeURIComponent(REASON)}`;

      const withoutPurpose = await history(streamId, reason).expect(400);
      expect(withoutPurpose.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'Lotse-Purpose' }] });
      const shortReason = await history(streamId, '?unseal=true&reason=because').set(PURPOSE, 'court order').expect(400);
      expect(shortReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      await history(streamId, '?unseal=yes').expect(400);

      const opened = await history(streamId, reason).set(PURPOSE, 'court order').expect(200);
      expect(opened.body.unsealed).toBe(true);
      expect(opened.body.events[0].data.goal).toEqual({ sealed: false, value: 'B1 certificate' });
      expect(opened.body.events[1].data.step.note).toEqual({ sealed: false, value: 'Talked about the exam date.' });

      const registration = await history(`participant-${participantId}`, reason).set(PURPOSE, 'court order').expect(200);
      expect(registration.body.events[0].data.personalData).toEqual({
        sealed: false,
        value: { givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17' },
      });

      const { items } = await accessOf(`participantId=${participantId}&actor=auditor-1`);
      expect(items).toContainEqual(
        expect.objectContaining({
          route: 'GET /audit/streams/:streamId/events',
          action: 'unseal',
          purpose: 'court order',
          detail: { streamId, reason: REASON },
        }),
      );
    });

    it('keeps the fields of an erased person sealed for good, and says so', async () => {
      const { id: participantId } = await register();
      const pathway = await open(participantId);
      await http.delete(`/participants/${participantId}/personal-data`).set('Authorization', admin).expect(200);
      const answer = await history(`pathway-${pathway.id}`, `?unseal=true&reason=${encodeURIComponent(REASON)}`)
        .set(PURPOSE, 'court order')
        .expect(200);
      expect(answer.body).toMatchObject({ erased: true, unsealed: false });
      expect(answer.body.events[0].data.goal).toEqual({ sealed: true, erased: true });
    });

    it('answers 404 alike for a stream that does not exist and one of another municipality; other roles 403', async () => {
      const { id: participantId } = await register();
      const unknown = await history('participant-00000000-0000-4000-8000-000000000000').expect(404);
      const elsewhere = await history(`participant-${participantId}`, '', dormagenAuditor).expect(404);
      expect(elsewhere.body.code).toBe(unknown.body.code);
      expect(elsewhere.body.detail.replace(participantId, 'X')).toBe(
        unknown.body.detail.replace('00000000-0000-4000-8000-000000000000', 'X'),
      );
      await history('no-such-kind-of-stream').expect(404);
      await history(`participant-${participantId}`, '', admin).expect(200);
      await history(`participant-${participantId}`, '', coach).expect(403);
      await history(`participant-${participantId}`, '', coordinator).expect(403);
      await history(`participant-${participantId}`, '?until=yesterday').expect(400);
    });

    it('refuses an until that looks like a time but names none, with a problem and no 500', async () => {
      const { id: participantId } = await register();
      for (const until of ['2026-13-45T99:00:00Z', '2026-02-30T10:00:00Z', '0001-01-01T00:00:00Z', '9999999999999999']) {
        const refused = await history(`participant-${participantId}`, `?until=${encodeURIComponent(until)}`).expect(400);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'until' })]);
      }
      await history(`participant-${participantId}`, `?until=${encodeURIComponent('2026-02-28T10:00:00+01:00')}`).expect(200);
    });
  });

  describe('the state at a moment', () => {
    it('answers a participant as it was at a position or a time, and 404 before the registration', async () => {
      const registered = await register();
      const changed = await http
        .post(`/participants/${registered.id}/residence-status`)
        .set('Authorization', coach)
        .send({ residenceStatus: 'aufenthaltserlaubnis', changedOn: '2026-02-01' })
        .expect(200);
      const get = (query: string) => http.get(`/participants/${registered.id}${query}`).set('Authorization', auditor);

      expect((await get('').expect(200)).body).toMatchObject({ residenceStatus: 'aufenthaltserlaubnis', version: 1 });
      expect((await get(`?atPosition=${registered.position}`).expect(200)).body).toMatchObject({
        residenceStatus: 'gestattung',
        version: 0,
      });
      expect((await get(`?atPosition=${changed.body.position}`).expect(200)).body).toMatchObject({
        residenceStatus: 'aufenthaltserlaubnis',
      });
      const [first] = (await history(`participant-${registered.id}`).expect(200)).body.events;
      expect((await get(`?asOf=${encodeURIComponent(first.recordedAt)}`).expect(200)).body.residenceStatus).toBe('gestattung');
      await get(`?atPosition=${registered.position - 1}`).expect(404);
      await get('?asOf=2020-01-01T00:00:00Z').expect(404);
      const both = await get(`?asOf=2026-01-01T00:00:00Z&atPosition=${registered.position}`).expect(400);
      expect(both.body).toMatchObject({ code: 'validation_failed' });
      await get('?asOf=yesterday').expect(400);
    });

    it('answers a pathway and a career as they were, before and after a later change', async () => {
      const { id: participantId, position: registeredAt } = await register();
      const pathway = await open(participantId);
      const stepped = await step(pathway.id);
      const completed = await http
        .post(`/pathways/${pathway.id}/complete`)
        .set('Authorization', coach)
        .send({ outcome: 'school', endedOn: '2026-03-01' })
        .expect(200);

      const pathwayAt = (query: string) => http.get(`/pathways/${pathway.id}${query}`).set('Authorization', coach);
      expect((await pathwayAt(`?atPosition=${pathway.position}`).expect(200)).body).toMatchObject({
        status: 'active',
        caseSteps: [],
        goal: 'B1 certificate',
      });
      const withStep = (await pathwayAt(`?atPosition=${stepped.position}`).expect(200)).body;
      expect(withStep).toMatchObject({ status: 'active', caseSteps: [{ kind: 'counselling', note: 'Talked about the exam date.' }] });
      expect((await pathwayAt(`?minPosition=${completed.body.position}`).expect(200)).body).toMatchObject({
        status: 'completed',
        outcome: 'school',
      });
      await pathwayAt(`?atPosition=${registeredAt}`).expect(404);
      await pathwayAt(`?atPosition=${completed.body.position}&asOf=2026-01-01T00:00:00Z`).expect(400);

      const careerAt = (query: string) => http.get(`/participants/${participantId}/career${query}`).set('Authorization', auditor);
      expect((await careerAt(`?atPosition=${registeredAt}`).expect(200)).body.pathways).toEqual([]);
      expect((await careerAt(`?atPosition=${stepped.position}`).expect(200)).body.pathways).toEqual([
        expect.objectContaining({ pathwayId: pathway.id, status: 'active' }),
      ]);
      const now = (await careerAt(`?minPosition=${completed.body.position}`).expect(200)).body.pathways;
      expect(now).toEqual([expect.objectContaining({ pathwayId: pathway.id, status: 'completed', outcome: 'school' })]);
      await careerAt(`?atPosition=${registeredAt - 1}`).expect(404);
    });
  });

  describe("the guard's decisions", () => {
    it('lists every decision on an opening with the career the guard saw, the rule and the table version', async () => {
      const { id: participantId } = await register();
      const first = await open(participantId);
      const refused = await http.post('/pathways').set('Authorization', coach).send(languageCourse(participantId)).expect(409);
      expect(refused.body.code).toBe('duplicate_pathway');

      const answer = await http.get(`/audit/participants/${participantId}/decisions`).set('Authorization', auditor).expect(200);
      const [allowed, refusal] = answer.body.decisions;
      expect(answer.body.decisions).toHaveLength(2);
      expect(allowed).toMatchObject({
        allowed: true,
        pathwayId: first.id,
        eligibilityVersion: expect.stringMatching(/^nrw-/),
        actor: 'coach-1',
        streamId: `enrolment-${participantId}`,
      });
      expect(allowed.career.pathways).toEqual([]);
      expect(refusal).toMatchObject({
        allowed: false,
        rule: 'R1',
        code: 'duplicate_pathway',
        streamId: `guard-decisions-${participantId}`,
        refusal: expect.objectContaining({ conflictingPathwayId: first.id }),
      });
      expect(refusal.career.pathways).toEqual([expect.objectContaining({ pathwayId: first.id })]);

      await http.get(`/audit/participants/${participantId}/decisions`).set('Authorization', dormagenAuditor).expect(403);
      await http.get(`/audit/participants/${participantId}/decisions`).set('Authorization', coach).expect(403);
      await http.get('/audit/participants/00000000-0000-4000-8000-000000000000/decisions').set('Authorization', auditor).expect(404);
    });
  });

  describe('who read what', () => {
    /** One call per route of PERSONAL_DATA_READS, by an admin who sees every field; each must leave an entry naming the person. */
    let position = 0;
    const READS: Record<string, (ids: { participantId: string; pathwayId: string }) => string> = {
      'GET /participants/:id': ({ participantId }) => `/participants/${participantId}`,
      'GET /pathways/:id': ({ pathwayId }) => `/pathways/${pathwayId}?minPosition=${position}`,
      'GET /participants/:id/career': ({ participantId }) => `/participants/${participantId}/career?minPosition=${position}`,
      'GET /pathways': () => `/pathways?municipality=neuss&pageSize=100&sort=-openedAt&minPosition=${position}`,
      'GET /duplicates': () => '/duplicates',
      'GET /conflicts': () => '/conflicts?municipality=neuss',
      'GET /audit/streams/:streamId/events': ({ participantId }) => `/audit/streams/participant-${participantId}/events`,
      'GET /audit/participants/:id/decisions': ({ participantId }) => `/audit/participants/${participantId}/decisions`,
      'GET /audit/access': ({ participantId }) => `/audit/access?participantId=${participantId}`,
      'GET /participants/:id/access-report': ({ participantId }) => `/participants/${participantId}/access-report`,
    };

    it('has a call for every route the access log covers', () => {
      expect(Object.keys(READS).sort()).toEqual(Object.keys(PERSONAL_DATA_READS).sort());
    });

    it.each(Object.keys(READS).filter((route) => !['GET /duplicates', 'GET /conflicts'].includes(route)))(
      '%s leaves an entry: who, which person, which route, why',
      async (route) => {
        const { id: participantId } = await register();
        const pathway = await open(participantId);
        position = pathway.position;
        const answer = await http
          .get(READS[route]({ participantId, pathwayId: pathway.id }))
          .set('Authorization', admin)
          .set(PURPOSE, 'table-driven test');
        expect(answer.status).toBe(200);
        const { items } = await accessOf(`participantId=${participantId}&actor=admin-1`);
        expect(items).toContainEqual(
          expect.objectContaining({
            route,
            sub: 'admin-1',
            roles: ['admin'],
            municipality: 'land-nrw',
            participantIds: expect.arrayContaining([participantId]),
            purpose: 'table-driven test',
          }),
        );
      },
    );

    it('logs duplicates with clear values for the people they show', async () => {
      await register();
      const second = await register({ ...person, familyName: 'Hadad' });
      const pairs = await http.get('/duplicates').set('Authorization', neussAdmin).expect(200);
      expect(JSON.stringify(pairs.body)).toContain(second.id);
      const { items } = await accessOf(`participantId=${second.id}&actor=admin-1`);
      expect(items).toContainEqual(
        expect.objectContaining({ route: 'GET /duplicates', participantIds: expect.arrayContaining([second.id]) }),
      );
    });

    it("records an auditor's own reads, and shows an auditor only her municipality's", async () => {
      const { id: participantId } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      await accessOf(`participantId=${participantId}`, auditor);
      const { items } = await accessOf(`participantId=${participantId}`, auditor);
      expect(items).toContainEqual(expect.objectContaining({ route: 'GET /participants/:id', sub: 'coach-1' }));
      expect(items).toContainEqual(expect.objectContaining({ route: 'GET /audit/access', sub: 'auditor-1' }));
      await http.get(`/audit/access?participantId=${participantId}`).set('Authorization', dormagenAuditor).expect(403);
      const elsewhere = await accessOf('', dormagenAuditor);
      expect(elsewhere.items.filter((item) => item.participantIds.includes(participantId))).toEqual([]);
      await http.get('/audit/access?from=yesterday').set('Authorization', auditor).expect(400);
      await http.get('/audit/access').set('Authorization', coach).expect(403);
    });

    it('answers an Art. 15 request: which bodies read the person’s data, how often and why', async () => {
      const { id: participantId, position } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).set(PURPOSE, 'counselling').expect(200);
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      // The career is a read model: it answers once it has applied the registration.
      await http.get(`/participants/${participantId}/career?minPosition=${position}`).set('Authorization', auditor).expect(200);
      const report = await http.get(`/participants/${participantId}/access-report`).set('Authorization', admin).expect(200);
      expect(report.body.participantId).toBe(participantId);
      expect(report.body.bodies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            municipality: 'neuss',
            role: 'coach',
            readers: 1,
            reads: 2,
            routes: ['GET /participants/:id'],
            purposes: ['counselling'],
          }),
          expect.objectContaining({ municipality: 'neuss', role: 'auditor', reads: 1, routes: ['GET /participants/:id/career'] }),
        ]),
      );
      await http.get(`/participants/${participantId}/access-report`).set('Authorization', auditor).expect(403);
    });

    it('is hash-chained: an entry changed in the database breaks the chain at that entry', async () => {
      const { id: participantId } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      await accessOf(`participantId=${participantId}`);
      const store = app.get<AccessLogStore>(ACCESS_LOG_STORE);
      expect(firstBrokenLink(await store.all())).toBeUndefined();
      const sql = app.get<SqlDriver>(SQL_DRIVER);
      const { seq, firstSeq, index } = await firstEntryOf(sql, participantId);
      const setSub = (sub: string) =>
        sql.query(`update access_log_batch set entries = jsonb_set(entries::jsonb, $1::text[], $2::jsonb)::json where first_seq = $3`, [
          `{${index},entry,sub}`,
          JSON.stringify(sub),
          firstSeq,
        ]);
      await setSub('someone-else');
      expect(firstBrokenLink(await store.all())).toBe(seq);
      const verified = (await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body;
      expect(verified).toMatchObject({ intact: false, accessLog: { intact: false, firstBadSeq: seq } });
      await setSub('coach-1');
      expect(firstBrokenLink(await store.all())).toBeUndefined();
      expect((await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body).toMatchObject({
        accessLog: { intact: true, firstBadSeq: null },
      });
    });

    it('is checked by GET /audit/verify: a batch deleted from the database breaks the link of the entry after it', async () => {
      const { id: participantId } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      await accessOf(`participantId=${participantId}`);
      // Written, so that the next read goes into a batch of its own after the one removed.
      await app.get(AccessRecorder).flush();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      await app.get(AccessRecorder).flush();
      const sql = app.get<SqlDriver>(SQL_DRIVER);
      const removed = await firstEntryOf(sql, participantId);
      const [saved] = await sql.query<Record<string, unknown>>('select * from access_log_batch where first_seq = $1', [removed.firstSeq]);
      await sql.query('delete from access_log_batch where first_seq = $1', [removed.firstSeq]);
      try {
        const verified = (await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body;
        expect(verified.accessLog).toMatchObject({ intact: false, firstBadSeq: removed.lastSeq + 1 });
        expect(verified.intact).toBe(false);
      } finally {
        await putBack(sql, [saved]);
      }
      expect((await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body.accessLog).toMatchObject({ intact: true });
    });

    it('is checked by GET /audit/verify: batches deleted at the end of the log fall short of its head', async () => {
      const { id: participantId, position } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      // The career is a read model: without minPosition it may not hold the registration yet (a 404, seen in CI).
      await http.get(`/participants/${participantId}/career?minPosition=${position}`).set('Authorization', coach).expect(200);
      await accessOf(`participantId=${participantId}`);
      // The read of the access log is itself an entry: written before the tail is taken, so it is put back too.
      await app.get(AccessRecorder).flush();
      const sql = app.get<SqlDriver>(SQL_DRIVER);
      const { firstSeq } = await firstEntryOf(sql, participantId);
      const tail = await sql.query<Record<string, unknown>>('select * from access_log_batch where first_seq >= $1 order by first_seq', [
        firstSeq,
      ]);
      await sql.query('delete from access_log_batch where first_seq >= $1', [firstSeq]);
      try {
        const verified = (await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body;
        expect(verified.accessLog).toMatchObject({ intact: false, firstBadSeq: firstSeq });
        expect(verified.intact).toBe(false);
      } finally {
        await putBack(sql, tail);
      }
      expect((await http.get('/audit/verify').set('Authorization', auditor).expect(200)).body.accessLog).toMatchObject({ intact: true });
    });

    // Last: it empties the log.
    it('purges entries past the retention period and records the purge, the chain intact from there', async () => {
      const { id: participantId } = await register();
      await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
      const purged = await app.get(AccessLogRetention).purge(new Date(Date.now() + 366 * 24 * 3600 * 1000));
      expect(purged.count).toBeGreaterThan(0);
      const { items } = await accessOf('actor=lotse', auditor);
      expect(items[0]).toMatchObject({
        action: 'purge',
        detail: expect.objectContaining({ count: purged.count, retentionDays: 365, lastHash: purged.lastHash }),
      });
      expect(items[0].previousHash).toBe(purged.lastHash);
      expect((await accessOf(`participantId=${participantId}`)).items.filter((item) => item.sub === 'coach-1')).toEqual([]);
      expect(firstBrokenLink(await app.get<AccessLogStore>(ACCESS_LOG_STORE).all())).toBeUndefined();
    });
  });
};
