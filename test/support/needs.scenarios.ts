import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { SQL_DRIVER } from '../../src/database';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const token = (roles: string[], municipality = 'neuss', sub = `${roles[0]}-1`) =>
  `Bearer ${signTestToken({ sub, roles, municipality }, SECRET)}`;
const coach = token(['coach']);
const dormagenCoach = token(['coach'], 'dormagen', 'coach-9');
const coordinator = token(['coordinator']);
const auditor = token(['auditor']);
const admin = token(['admin'], 'land-nrw', 'admin-1');

const person = { givenName: 'Amira', familyName: 'Haddad', birthDate: '2004-05-17', municipality: 'neuss', residenceStatus: 'gestattung' };
const assessment = (overrides: Record<string, unknown> = {}) => ({
  assessedOn: '2026-02-01',
  needs: ['coaching', 'language_support', 'housing'],
  germanLevel: 'a2',
  schoolCertificate: 'foreign_not_recognised',
  ...overrides,
});

/** Needs assessments end to end, the same on every event store: only `eventStoreUrl` differs. */
export const needsScenarios = (eventStoreUrl: () => string) => {
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

  const register = async () => (await http.post('/participants').set('Authorization', coach).send(person).expect(201)).body.id as string;
  const assess = (participantId: string, body: object = assessment(), auth = coach) =>
    http.post(`/participants/${participantId}/needs-assessments`).set('Authorization', auth).send(body);

  it('records an assessment and shows the latest one with the needs no active pathway meets', async () => {
    const participantId = await register();
    const before = await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
    expect(before.body).toMatchObject({ needsAssessment: null, openNeeds: [] });

    const assessed = await assess(participantId).expect(201);
    expect(assessed.body).toEqual({ id: expect.any(String), version: 1, position: expect.any(Number) });
    const shown = await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
    expect(shown.body).toMatchObject({
      version: 1,
      openNeeds: ['coaching', 'language_support'],
      needsAssessment: {
        assessmentId: assessed.body.id,
        assessedOn: '2026-02-01',
        needs: ['coaching', 'language_support', 'housing'],
        germanLevel: 'a2',
        schoolCertificate: 'foreign_not_recognised',
        assessedBy: 'coach-1',
      },
    });

    // A language course under any funding body meets the language need.
    await http
      .post('/pathways')
      .set('Authorization', coach)
      .send({
        participantId,
        kind: 'language_support',
        jurisdiction: 'federal',
        provider: 'VHS Neuss',
        goal: 'B1',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-08-31',
      })
      .expect(201);
    const covered = await http.get(`/participants/${participantId}`).set('Authorization', coordinator).expect(200);
    expect(covered.body.openNeeds).toEqual(['coaching']);

    // An older assessment recorded later joins the history but does not count; a newer one does.
    await assess(participantId, assessment({ assessedOn: '2026-01-10', needs: ['health'] })).expect(201);
    expect((await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200)).body.needsAssessment.assessedOn).toBe(
      '2026-02-01',
    );
    await assess(participantId, { assessedOn: '2026-03-15', needs: ['school_certificate', 'childcare'] }, admin).expect(201);
    const latest = await http.get(`/participants/${participantId}`).set('Authorization', coach).expect(200);
    expect(latest.body).toMatchObject({
      openNeeds: ['school_certificate'],
      needsAssessment: { assessedOn: '2026-03-15', needs: ['school_certificate', 'childcare'], assessedBy: 'admin-1' },
    });
    expect(latest.body.needsAssessment.germanLevel).toBeUndefined();
    const stored = await sql.query<{ n: string }>(
      `select count(*)::text as n from events where type = 'NeedsAssessed' and stream_id = $1`,
      [`participant-${participantId}`],
    );
    expect(stored[0].n).toBe('3');
  });

  it('answers a retry with the same Idempotency-Key with the first answer and stores nothing new', async () => {
    const participantId = await register();
    const first = await assess(participantId).set('Idempotency-Key', 'needs-1').expect(201);
    const events = await eventCount();
    const again = await assess(participantId).set('Idempotency-Key', 'needs-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(events);
  });

  it('admits coaches of the municipality and admins only', async () => {
    const participantId = await register();
    const events = await eventCount();
    await assess(participantId, assessment(), coordinator).expect(403);
    await assess(participantId, assessment(), auditor).expect(403);
    await assess(participantId, assessment(), dormagenCoach).expect(403);
    await http.post(`/participants/${participantId}/needs-assessments`).send(assessment()).expect(401);
    await assess('00000000-0000-4000-8000-000000000000').expect(404);
    expect(await eventCount()).toBe(events);
  });

  it.each([
    ['an unknown need', { needs: ['money'] }, 400, 'validation_failed'],
    ['a need given twice', { needs: ['coaching', 'coaching'] }, 400, 'validation_failed'],
    ['needs that are no list', { needs: 'coaching' }, 400, 'validation_failed'],
    ['no needs field', { needs: undefined }, 400, 'validation_failed'],
    ['a German level that is no CEFR level', { germanLevel: 'b3' }, 400, 'validation_failed'],
    ['an unknown school certificate', { schoolCertificate: 'realschule' }, 400, 'validation_failed'],
    ['a date that is no date', { assessedOn: '2026-02-30' }, 400, 'validation_failed'],
    ['an unknown field', { note: 'wants to become a nurse' }, 400, 'validation_failed'],
    ['a date in the future', { assessedOn: '2099-01-01' }, 422, 'assessment_in_future'],
  ])('refuses %s and stores nothing', async (_, change, status, code) => {
    const participantId = await register();
    const events = await eventCount();
    const refused = await assess(participantId, assessment(change)).expect(status);
    expect(refused.body.code).toBe(code);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await eventCount()).toBe(events);
  });

  it('refuses an assessment once the person’s data was erased', async () => {
    const participantId = await register();
    await http.delete(`/participants/${participantId}/personal-data`).set('Authorization', admin).expect(200);
    const refused = await assess(participantId).expect(409);
    expect(refused.body.code).toBe('personal_data_erased');
  });
};
