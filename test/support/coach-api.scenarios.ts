import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { SQL_DRIVER } from '../../src/database';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const token = (roles: string[], municipality = 'neuss', sub = `${roles[0]}-1`) =>
  `Bearer ${signTestToken({ sub, roles, municipality }, SECRET)}`;
export const coach = token(['coach']);
const otherCoach = token(['coach'], 'neuss', 'coach-2');
const dormagenCoach = token(['coach'], 'dormagen', 'coach-9');
const coordinator = token(['coordinator']);
const auditor = token(['auditor']);
const admin = token(['admin'], 'land-nrw', 'admin-1');

export const participantBody = {
  givenName: 'Amira',
  familyName: 'Haddad',
  birthDate: '2004-05-17',
  municipality: 'neuss',
  residenceStatus: 'gestattung',
  entitlements: [{ jurisdiction: 'asylblg', from: '2025-09-01' }],
};
const pathwayBody = (participantId: string) => ({
  participantId,
  kind: 'language_support',
  jurisdiction: 'state',
  provider: 'VHS Neuss',
  goal: 'Reach B1 and start a training in care',
  plannedStart: '2026-01-01',
  plannedEnd: '2026-12-31',
});
export const step = (overrides: Record<string, unknown> = {}) => ({
  kind: 'counselling',
  occurredAt: '2026-02-01T09:30:00+01:00',
  note: 'Talked about the exam date with Amira.',
  durationMinutes: 45,
  ...overrides,
});

/** The coach API end to end, the same on every event store: only `eventStoreUrl` differs. */
export const coachApiScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let sql: SqlDriver;
  const eventCount = async () => Number((await sql.query<{ n: string }>('select count(*)::text as n from events'))[0].n);

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl());
    http = request(app.getHttpServer());
    sql = app.get(SQL_DRIVER);
  });
  afterAll(() => app.close());

  const register = async (body: object = participantBody, auth = coach) =>
    (await http.post('/participants').set('Authorization', auth).send(body).expect(201)).body.id as string;
  const openPathway = async (participantId: string) =>
    (await http.post('/pathways').set('Authorization', coach).send(pathwayBody(participantId)).expect(201)).body.id as string;

  it('registers, opens, records steps and completes — the whole coach flow', async () => {
    const registered = await http.post('/participants').set('Authorization', coach).send(participantBody).expect(201);
    expect(registered.body).toEqual({ id: expect.any(String), version: 1, position: expect.any(Number) });
    expect(registered.headers.etag).toBe('"1"');
    expect(registered.headers.location).toBe(`/participants/${registered.body.id}`);

    const participant = await http.get(`/participants/${registered.body.id}`).set('Authorization', coach).expect(200);
    expect(participant.body).toMatchObject({
      id: registered.body.id,
      municipality: 'neuss',
      residenceStatus: 'gestattung',
      status: 'registered',
      personalData: { givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17' },
      entitlements: [{ jurisdiction: 'asylblg', from: '2025-09-01' }],
      version: 1,
    });

    const opened = await http.post('/pathways').set('Authorization', coach).send(pathwayBody(registered.body.id)).expect(201);
    const pathwayId = opened.body.id;
    await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', coach).send(step()).expect(201);
    await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .send(step({ kind: 'exam_registered', note: undefined }))
      .expect(201);
    const completed = await http
      .post(`/pathways/${pathwayId}/complete`)
      .set('Authorization', coach)
      .send({ outcome: 'training_place', endedOn: '2026-03-01' })
      .expect(200);
    expect(completed.body).toMatchObject({ id: pathwayId, version: 3 });

    const pathway = await http.get(`/pathways/${pathwayId}?minPosition=${completed.body.position}`).set('Authorization', coach).expect(200);
    expect(pathway.headers.etag).toBe('"3"');
    expect(pathway.body).toMatchObject({
      id: pathwayId,
      participantId: registered.body.id,
      kind: 'language_support',
      jurisdiction: 'state',
      status: 'completed',
      outcome: 'training_place',
      goal: 'Reach B1 and start a training in care',
      version: 3,
      caseSteps: [
        {
          kind: 'counselling',
          occurredAt: '2026-02-01T08:30:00.000Z',
          note: 'Talked about the exam date with Amira.',
          durationMinutes: 45,
          recordedBy: 'coach-1',
        },
        { kind: 'exam_registered', note: null },
      ],
    });
    await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .send(step())
      .expect(409)
      .expect('Content-Type', /application\/problem\+json/)
      .expect((res) => expect(res.body.code).toBe('pathway_not_active'));
  });

  it('changes residence status and entitlements, and transfers a pathway', async () => {
    const participantId = await register();
    await http
      .post(`/participants/${participantId}/residence-status`)
      .set('Authorization', coach)
      .send({ residenceStatus: 'aufenthaltserlaubnis', changedOn: '2026-02-01' })
      .expect(200);
    const added = await http
      .post(`/participants/${participantId}/entitlements`)
      .set('Authorization', coach)
      .send({ jurisdiction: 'sgb2', from: '2026-02-01' })
      .expect(201);
    const overlapping = await http
      .post(`/participants/${participantId}/entitlements`)
      .set('Authorization', coach)
      .send({ jurisdiction: 'sgb2', from: '2026-03-01' })
      .expect(409);
    expect(overlapping.body.code).toBe('entitlement_overlaps');
    await http
      .post(`/participants/${participantId}/entitlements/${added.body.id}/end`)
      .set('Authorization', coach)
      .send({ to: '2026-02-28' })
      .expect(200);
    const participant = await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
    expect(participant.body).toMatchObject({
      residenceStatus: 'aufenthaltserlaubnis',
      entitlements: [
        { jurisdiction: 'asylblg', from: '2025-09-01' },
        { entitlementId: added.body.id, jurisdiction: 'sgb2', from: '2026-02-01', to: '2026-02-28' },
      ],
    });

    const pathwayId = await openPathway(participantId);
    const transferred = await http
      .post(`/pathways/${pathwayId}/transfer`)
      .set('Authorization', coach)
      .send({ toCoachId: 'coach-2' })
      .expect(200);
    const read = await http.get(`/pathways/${pathwayId}?minPosition=${transferred.body.position}`).set('Authorization', coach).expect(200);
    expect(read.body.coachId).toBe('coach-2');
  });

  it('refuses a stale If-Match with 412 and stores nothing', async () => {
    const pathwayId = await openPathway(await register());
    await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', coach).set('If-Match', '"0"').send(step()).expect(201);
    const before = await eventCount();
    const stale = await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .set('If-Match', '"0"')
      .send(step())
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'version_conflict', status: 412 });
    expect(await eventCount()).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key with the first answer and stores nothing new', async () => {
    const pathwayId = await openPathway(await register());
    const first = await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .set('Idempotency-Key', 'step-once-1')
      .send(step())
      .expect(201);
    const before = await eventCount();
    const again = await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .set('Idempotency-Key', 'step-once-1')
      .send(step())
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(before);
    const other = await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .set('Idempotency-Key', 'step-once-1')
      .send(step({ kind: 'note' }))
      .expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await eventCount()).toBe(before);
  });

  it('lands 50 concurrent case steps on one pathway exactly once, with contiguous versions', async () => {
    const pathwayId = await openPathway(await register());
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        http
          .post(`/pathways/${pathwayId}/case-steps`)
          .set('Authorization', coach)
          .send(step({ durationMinutes: n })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const last = answers.find((a) => a.body.version === 50)!.body.position;
    const pathway = await http.get(`/pathways/${pathwayId}?minPosition=${last}`).set('Authorization', coach).expect(200);
    expect(pathway.body.caseSteps).toHaveLength(50);
    expect(pathway.body.caseSteps.map((s: { durationMinutes: number }) => s.durationMinutes).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, n) => n),
    );
  });

  describe('bad input gets 400 problem+json and changes nothing', () => {
    let pathwayId: string;
    beforeAll(async () => {
      pathwayId = await openPathway(await register());
    });

    it.each([
      ['malformed JSON', '{"kind": "counselling",', 'validation_failed'],
      ['an unknown field', { ...step(), colour: 'blue' }, 'validation_failed'],
      ['a wrong enum value', step({ kind: 'coffee' }), 'validation_failed'],
      ['a note over 10,000 characters', step({ note: 'x'.repeat(10_001) }), 'validation_failed'],
      ['a date that is no date', step({ occurredAt: '2026-02-30T10:00:00Z' }), 'validation_failed'],
    ])('refuses %s', async (_, body, code) => {
      const before = await eventCount();
      const res = await http
        .post(`/pathways/${pathwayId}/case-steps`)
        .set('Authorization', coach)
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a step dated in the future with 422', async () => {
      const res = await http
        .post(`/pathways/${pathwayId}/case-steps`)
        .set('Authorization', coach)
        .send(step({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }))
        .expect(422);
      expect(res.body.code).toBe('step_in_future');
    });

    it('refuses a pathway for an unknown participant with 404', async () => {
      const res = await http
        .post('/pathways')
        .set('Authorization', coach)
        .send(pathwayBody('7c9e6679-7425-40de-944b-e07fc1f90ae7'))
        .expect(404);
      expect(res.body.code).toBe('participant_not_found');
    });
  });

  describe('hostile input gets 400 (or 415) problem+json and writes nothing, not even a reservation', () => {
    let participantId: string;
    let pathwayId: string;
    beforeAll(async () => {
      participantId = await register();
      pathwayId = await openPathway(participantId);
    });

    const refuses = async (
      method: 'post' | 'delete',
      path: string,
      body: string | undefined,
      expected = 400,
      headers: Record<string, string> = {},
      auth = coach,
    ) => {
      const before = await eventCount();
      let call = http[method](path).set('Authorization', auth);
      for (const [name, value] of Object.entries({ 'Content-Type': 'application/json', ...headers })) call = call.set(name, value);
      const res = await (body === undefined ? call : call.send(body));
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
        status: expected,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(await eventCount()).toBe(before);
      return res;
    };
    const json = (value: object, replace: Record<string, string> = {}) =>
      Object.entries(replace).reduce((text, [from, to]) => text.replace(from, to), JSON.stringify(value));

    it.each([
      ['next: null', { next: null }],
      ['next: []', { next: [] }],
      ['next: a string', { next: 'tomorrow' }],
      ['note: null', { note: null }],
      ['durationMinutes: 2^63', { durationMinutes: 2 ** 63 }],
      ['occurredAt in year 0000', { occurredAt: '0000-01-01T00:00:00Z' }],
      ['next due on 9999-12-31', { next: { kind: 'counselling', dueOn: '9999-12-31' } }],
    ])('refuses a case step with %s', async (_what, overrides) => {
      const res = await refuses('post', `/pathways/${pathwayId}/case-steps`, JSON.stringify(step(overrides)));
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        errors: expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
      });
    });

    it.each([
      ['NUL in the note', 'Talked', 'Tal\\u0000ked'],
      ['a lone surrogate in the note', 'Talked', 'Talked \\ud800'],
      ['a __proto__ key in next', '"next":{', '"next":{"__proto__":{"x":1},'],
      ['a constructor key', '{', '{"constructor":{"prototype":{}},'],
    ])('refuses a case step with %s', async (_what, from, to) => {
      await refuses(
        'post',
        `/pathways/${pathwayId}/case-steps`,
        json(step({ next: { kind: 'counselling', dueOn: '2026-03-01' } }), { [from]: to }),
      );
    });

    it.each([
      ['entitlements: [[]]', { entitlements: [[]] }],
      ['entitlements: {}', { entitlements: {} }],
      ['entitlements: [null]', { entitlements: [null] }],
      ['entitlements: null', { entitlements: null }],
      ['a birth date in 2099', { birthDate: '2099-01-01' }],
      ['a birth date 9999-12-31', { birthDate: '9999-12-31' }],
      ['a birth date 0000-01-01', { birthDate: '0000-01-01' }],
      ['a birth date tomorrow', { birthDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) }],
      ['a birth date 101 years back', { birthDate: `${new Date().getUTCFullYear() - 101}-01-01` }],
      ['a birth date today', { birthDate: new Date().toISOString().slice(0, 10) }],
      ['a birth date 13 years back (younger than 14 at registration)', { birthDate: `${new Date().getUTCFullYear() - 13}-01-01` }],
    ])('refuses a registration with %s', async (_what, overrides) => {
      await refuses('post', '/participants', JSON.stringify({ ...participantBody, ...overrides }));
    });

    it('refuses a pathway whose provider carries NUL before reserving anything in the enrolment ledger', async () => {
      const body = json(
        {
          participantId,
          kind: 'coaching',
          jurisdiction: 'state',
          provider: 'VHS',
          goal: 'A goal',
          plannedStart: '2027-01-01',
          plannedEnd: '2027-06-30',
        },
        { VHS: 'V\\u0000HS' },
      );
      await refuses('post', '/pathways', body);
      await refuses('post', '/pathways', body.replace('V\\u0000HS', 'VHS').replace('2027-06-30', '9999-12-31'));
      const ledger = await sql.query(
        `select type from events where stream_id like $1 and type in ('PathwayReserved', 'ReservationReleased')`,
        [`%${participantId}%`],
      );
      expect(ledger.map((e) => (e as { type: string }).type)).toEqual(['PathwayReserved']);
    });

    it('answers a body that is not JSON with 415', async () => {
      const res = await refuses('post', '/participants', 'givenName=Amira', 415, { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(res.body.code).toBe('unsupported_media_type');
    });

    const writes: Array<['post' | 'delete', () => string, () => object | undefined]> = [
      ['post', () => '/participants', () => participantBody],
      ['post', () => `/participants/${participantId}/residence-status`, () => ({ residenceStatus: 'duldung', changedOn: '2026-02-01' })],
      ['post', () => `/participants/${participantId}/entitlements`, () => ({ jurisdiction: 'sgb3', from: '2026-02-01' })],
      ['post', () => `/participants/${participantId}/entitlements/${participantId}-e0/end`, () => ({ to: '2026-03-01' })],
      [
        'post',
        () => `/participants/${participantId}/case-conferences`,
        () => ({ heldOn: '2026-02-01', decision: 'Agreed on one more course.' }),
      ],
      ['post', () => '/pathways', () => pathwayBody(participantId)],
      ['post', () => `/pathways/${pathwayId}/case-steps`, () => step()],
      ['post', () => `/pathways/${pathwayId}/complete`, () => ({ outcome: 'school', endedOn: '2026-02-01' })],
      ['post', () => `/pathways/${pathwayId}/abort`, () => ({ outcome: 'dropped_out', endedOn: '2026-02-01', reason: 'Moved away.' })],
      ['post', () => `/pathways/${pathwayId}/transfer`, () => ({ toCoachId: 'coach-2' })],
      ['post', () => `/participants/${participantId}/merge`, () => ({ duplicateId: pathwayId })],
      ['post', () => `/participants/${participantId}/not-duplicate`, () => ({ duplicateId: pathwayId })],
      [
        'post',
        () => '/overrides',
        () => ({ participantId, rule: 'subsidiarity', reason: 'The job centre confirmed it in writing.', validUntil: '2026-12-31' }),
      ],
      ['delete', () => `/participants/${participantId}/personal-data`, () => undefined],
      ['post', () => '/admin/projections/pathways/rebuild', () => undefined],
    ];
    it.each(writes)('refuses a malformed If-Match on %s #%#', async (method, path, body) => {
      const value = body();
      const res = await refuses(
        method,
        path(),
        value === undefined ? undefined : JSON.stringify(value),
        400,
        { 'If-Match': 'version-7' },
        token(['coach', 'coordinator', 'admin'], 'neuss', 'coach-1'),
      );
      expect(res.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });

    it.each([
      ['minPosition 2^63', (id: string) => `/pathways/${id}?minPosition=9223372036854775808`],
      ['minPosition 2^53', (id: string) => `/pathways/${id}?minPosition=9007199254740992`],
      ['minPosition on the caseload', () => '/pathways?minPosition=1e300'],
      ['minPosition on a career', () => `/participants/${participantId}/career?minPosition=99999999999999999999`],
      ['page beyond the bound', () => '/pathways?page=9007199254740993'],
      ['pageSize 0', () => '/pathways?pageSize=0'],
      ['coach=%00', () => '/pathways?coach=%00'],
      ['a control character in the sort', () => '/pathways?sort=%01lastContact'],
    ])('refuses a read with %s', async (_what, path) => {
      const res = await http.get(path(pathwayId)).set('Authorization', coach).expect(400);
      expect(res.body.code).toBe('validation_failed');
    });
  });

  describe('roles and municipalities', () => {
    let participantId: string;
    let pathwayId: string;
    beforeAll(async () => {
      participantId = await register();
      pathwayId = await openPathway(participantId);
    });

    it.each([
      ['POST', '/participants'],
      ['GET', '/participants/00000000-0000-4000-8000-000000000000'],
      ['POST', '/pathways'],
      ['GET', '/pathways/00000000-0000-4000-8000-000000000000'],
      ['POST', '/pathways/00000000-0000-4000-8000-000000000000/case-steps'],
      ['DELETE', '/participants/00000000-0000-4000-8000-000000000000/personal-data'],
      ['POST', '/participants/00000000-0000-4000-8000-000000000000/residence-status'],
      ['POST', '/participants/00000000-0000-4000-8000-000000000000/entitlements'],
      ['POST', '/participants/00000000-0000-4000-8000-000000000000/entitlements/e-1/end'],
      ['POST', '/pathways/00000000-0000-4000-8000-000000000000/complete'],
      ['POST', '/pathways/00000000-0000-4000-8000-000000000000/abort'],
      ['POST', '/pathways/00000000-0000-4000-8000-000000000000/transfer'],
    ])('answers 401 without a token: %s %s', async (method, path) => {
      const res = await http[method.toLowerCase() as 'get'](path).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('lets a coach of the same municipality work and refuses a coach of another one', async () => {
      await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', otherCoach).send(step()).expect(201);
      const before = await eventCount();
      for (const res of [
        await http.get(`/participants/${participantId}`).set('Authorization', dormagenCoach),
        await http.get(`/pathways/${pathwayId}`).set('Authorization', dormagenCoach),
        await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', dormagenCoach).send(step()),
        await http.post('/pathways').set('Authorization', dormagenCoach).send(pathwayBody(participantId)),
        await http
          .post(`/participants/${participantId}/residence-status`)
          .set('Authorization', dormagenCoach)
          .send({ residenceStatus: 'duldung', changedOn: '2026-02-01' }),
        await http.post('/participants').set('Authorization', dormagenCoach).send(participantBody),
        await http
          .post(`/participants/${participantId}/entitlements`)
          .set('Authorization', dormagenCoach)
          .send({ jurisdiction: 'sgb2', from: '2026-01-01' }),
        await http
          .post(`/pathways/${pathwayId}/complete`)
          .set('Authorization', dormagenCoach)
          .send({ outcome: 'school', endedOn: '2026-02-01' }),
        await http
          .post(`/pathways/${pathwayId}/abort`)
          .set('Authorization', dormagenCoach)
          .send({ outcome: 'unknown', endedOn: '2026-02-01', reason: 'x' }),
        await http.post(`/pathways/${pathwayId}/transfer`).set('Authorization', dormagenCoach).send({ toCoachId: 'coach-9' }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      expect(await eventCount()).toBe(before);
    });

    it('refuses writes to roles that only read', async () => {
      const before = await eventCount();
      for (const auth of [coordinator, auditor]) {
        await http.post('/participants').set('Authorization', auth).send(participantBody).expect(403);
        await http.post('/pathways').set('Authorization', auth).send(pathwayBody(participantId)).expect(403);
        await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', auth).send(step()).expect(403);
        await http
          .post(`/pathways/${pathwayId}/complete`)
          .set('Authorization', auth)
          .send({ outcome: 'school', endedOn: '2026-02-01' })
          .expect(403);
        await http.delete(`/participants/${participantId}/personal-data`).set('Authorization', auth).expect(403);
        await http
          .post(`/pathways/${pathwayId}/abort`)
          .set('Authorization', auth)
          .send({ outcome: 'unknown', endedOn: '2026-02-01', reason: 'x' })
          .expect(403);
        await http.post(`/pathways/${pathwayId}/transfer`).set('Authorization', auth).send({ toCoachId: 'coach-9' }).expect(403);
        await http
          .post(`/participants/${participantId}/residence-status`)
          .set('Authorization', auth)
          .send({ residenceStatus: 'duldung', changedOn: '2026-02-01' })
          .expect(403);
        await http
          .post(`/participants/${participantId}/entitlements`)
          .set('Authorization', auth)
          .send({ jurisdiction: 'sgb2', from: '2026-01-01' })
          .expect(403);
      }
      await http.delete(`/participants/${participantId}/personal-data`).set('Authorization', coach).expect(403);
      expect(await eventCount()).toBe(before);
    });

    it('shows coordinators and auditors no personal data', async () => {
      for (const auth of [coordinator, auditor]) {
        const participant = await http.get(`/participants/${participantId}`).set('Authorization', auth).expect(200);
        expect(participant.body.personalData).toBeNull();
        const pathway = await http.get(`/pathways/${pathwayId}`).set('Authorization', auth).expect(200);
        expect(pathway.body.goal).toBeNull();
        expect(pathway.body.caseSteps.every((s: { note: unknown }) => s.note === null)).toBe(true);
        expect(JSON.stringify([participant.body, pathway.body])).not.toMatch(/Amira|Haddad|2004-05-17|exam date/);
      }
    });

    it('lets an admin act in any municipality', async () => {
      await http.get(`/participants/${participantId}`).set('Authorization', admin).expect(200);
      await http
        .post('/participants')
        .set('Authorization', admin)
        .send({ ...participantBody, municipality: 'dormagen' })
        .expect(201);
    });
  });

  it('erases personal data for good: the log keeps dates, kinds and outcomes, and nothing readable', async () => {
    const participantId = await register({ ...participantBody, givenName: 'Yusuf', familyName: 'Karimi', birthDate: '2003-11-02' });
    const pathwayId = await openPathway(participantId);
    await http
      .post(`/pathways/${pathwayId}/case-steps`)
      .set('Authorization', coach)
      .send(step({ note: 'Yusuf wants to become an electrician.' }))
      .expect(201);
    const aborted = await http
      .post(`/pathways/${pathwayId}/abort`)
      .set('Authorization', coach)
      .send({ outcome: 'moved_away', endedOn: '2026-03-01', reason: 'Yusuf moved to Hamburg.' })
      .expect(200);

    const before = await http
      .get(`/pathways?municipality=neuss&pageSize=100&minPosition=${aborted.body.position}`)
      .set('Authorization', coach)
      .expect(200);
    expect(before.body.items.find((i: { id: string }) => i.id === pathwayId).participant).toEqual({
      givenName: 'Yusuf',
      familyName: 'Karimi',
    });
    const erased = await http.delete(`/participants/${participantId}/personal-data`).set('Authorization', admin).expect(200);
    const after = await http
      .get(`/pathways?municipality=neuss&pageSize=100&minPosition=${erased.body.position}`)
      .set('Authorization', admin)
      .expect(200);
    expect(after.body.items.find((i: { id: string }) => i.id === pathwayId)).toMatchObject({ participant: null, status: 'aborted' });

    const participant = await http.get(`/participants/${participantId}`).set('Authorization', admin).expect(200);
    expect(participant.body).toMatchObject({ status: 'erased', personalData: null, municipality: 'neuss', residenceStatus: 'gestattung' });
    const pathway = await http.get(`/pathways/${pathwayId}?minPosition=${aborted.body.position}`).set('Authorization', admin).expect(200);
    expect(pathway.body).toMatchObject({
      status: 'aborted',
      outcome: 'moved_away',
      endedOn: '2026-03-01',
      kind: 'language_support',
      plannedStart: '2026-01-01',
      goal: null,
      caseSteps: [{ kind: 'counselling', occurredAt: '2026-02-01T08:30:00.000Z', note: null }],
    });
    const refused = await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', coach).send(step()).expect(409);
    expect(refused.body.code).toBe('pathway_not_active');

    // The read models hold what the events hold: sealed text only.
    const dump = ['events', 'participant_keys', 'rm_pathways', 'rm_case_steps', 'rm_careers'].map(async (table) =>
      JSON.stringify(await sql.query(`select * from ${table}`)),
    );
    const everything = (await Promise.all(dump)).join('');
    expect(everything).toContain(pathwayId);
    for (const secret of [
      'Yusuf',
      'Karimi',
      '2003-11-02',
      'electrician',
      'Hamburg',
      'Amira',
      'Haddad',
      '2004-05-17',
      'exam date',
      'training in care',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
};
