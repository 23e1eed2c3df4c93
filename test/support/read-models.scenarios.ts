import { Global, INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { InProcessLeaderElection, LeaderElection, PostgresLeaderElection, Projection, rebuildName } from '@lotse/projections';
import { APP_CONFIG, AppConfig } from '../../src/config';
import { EXTRA_PROJECTIONS } from '../../src/read-models';
import { bearer, bootTestApp } from './test-app';

const coach1 = bearer(['coach'], 'neuss', 'coach-1');
const coach2 = bearer(['coach'], 'neuss', 'coach-2');
const dormagenCoach = bearer(['coach'], 'dormagen', 'coach-9');
const coordinator = bearer(['coordinator'], 'neuss');
const auditor = bearer(['auditor'], 'neuss');
const admin = bearer(['admin'], 'land-nrw', 'admin-1');

const person = (givenName: string, municipality = 'neuss') => ({
  givenName,
  familyName: 'Haddad',
  birthDate: '2004-05-17',
  municipality,
  residenceStatus: 'duldung',
  entitlements: [],
});
const pathwayOf = (participantId: string, kind = 'coaching', plannedEnd = '2026-12-31') => ({
  participantId,
  kind,
  jurisdiction: 'state',
  provider: 'Caritas',
  goal: 'Training place in care',
  plannedStart: '2026-01-01',
  plannedEnd,
});

/** A leader election as a second process would hold it, on the same store as the app's. */
const electionOfAnotherProcess = (app: INestApplication): LeaderElection => {
  const location = app.get<AppConfig>(APP_CONFIG).EVENT_STORE_URL;
  if (location.engine === 'pglite') return new InProcessLeaderElection(location.dir);
  if (location.engine === 'postgres')
    return new PostgresLeaderElection({ connectionString: location.connectionString, namespace: location.schema });
  throw new Error(`no second election for ${location.engine}`);
};

/** A projection that fails on the third case step it sees: it must stop alone and show in /health. */
const failingOnThirdStep = (): Projection => {
  let steps = 0;
  return {
    name: 'fragile_steps',
    handles: ['CaseStepRecorded'],
    documentId: (e) => String(e.data.pathwayId),
    apply: (doc) => {
      if (++steps === 3) throw new Error('cannot read this step');
      return { steps: ((doc as { steps?: number })?.steps ?? 0) + 1 };
    },
  };
};

@Global()
@Module({ providers: [{ provide: EXTRA_PROJECTIONS, useFactory: () => [failingOnThirdStep()] }], exports: [EXTRA_PROJECTIONS] })
class FragileProjectionModule {}

/** The read models end to end: the caseload, timelines from read models, minPosition, rebuild, metrics, health. */
export const readModelScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, { extraImports: [FragileProjectionModule] });
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());

  const register = async (name: string, auth = coach1, municipality = 'neuss') =>
    (await http.post('/participants').set('Authorization', auth).send(person(name, municipality)).expect(201)).body.id as string;
  const open = async (participantId: string, auth = coach1, kind = 'coaching', plannedEnd?: string) =>
    (
      await http
        .post('/pathways')
        .set('Authorization', auth)
        .send(pathwayOf(participantId, kind, plannedEnd))
        .expect(201)
    ).body as { id: string; position: number };
  const recordStep = async (pathwayId: string, body: object, auth = coach1) =>
    (await http.post(`/pathways/${pathwayId}/case-steps`).set('Authorization', auth).send(body).expect(201)).body as { position: number };

  it('shows a coach the step she just recorded when she lists her caseload right after', async () => {
    const quiet = await open(await register('Rami'));
    const busy = await open(await register('Lina'));
    const colleagues = await open(await register('Omar', coach2), coach2);
    await recordStep(busy.id, { kind: 'intake', occurredAt: '2026-02-02T09:00:00+01:00' });
    const recorded = await recordStep(busy.id, {
      kind: 'counselling',
      occurredAt: '2026-02-03T10:00:00+01:00',
      note: 'Exam in March.',
      next: { kind: 'exam_registered', dueOn: '2026-03-01' },
    });

    const caseload = await http.get(`/pathways?coach=me&minPosition=${recorded.position}`).set('Authorization', coach1).expect(200);
    const mine = caseload.body.items.filter((i: { id: string }) => [quiet.id, busy.id].includes(i.id));
    expect(mine).toHaveLength(2);
    expect(caseload.body.items.map((i: { id: string }) => i.id)).not.toContain(colleagues.id);
    expect(caseload.body.items.every((i: { coachId: string }) => i.coachId === 'coach-1')).toBe(true);
    const row = caseload.body.items.find((i: { id: string }) => i.id === busy.id);
    expect(row).toMatchObject({
      status: 'active',
      kind: 'coaching',
      caseStepCount: 2,
      lastStep: { kind: 'counselling', occurredAt: '2026-02-03T09:00:00.000Z' },
      lastContactAt: '2026-02-03T09:00:00.000Z',
      nextStep: { kind: 'exam_registered', dueOn: '2026-03-01', overdue: true },
    });
    expect(row.daysSinceLastContact).toBe(Math.floor((Date.now() - Date.parse('2026-02-03T09:00:00.000Z')) / 86_400_000));
    expect(row.participant).toEqual({ givenName: 'Lina', familyName: 'Haddad' });
    expect(row).not.toHaveProperty('caseSteps');
    expect(row).not.toHaveProperty('goal');
    expect(JSON.stringify(caseload.body)).not.toContain('Exam in March');
    // Never contacted comes first: the one most in need of a call.
    const ids = caseload.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(quiet.id)).toBeLessThan(ids.indexOf(busy.id));
    expect(caseload.body.items.find((i: { id: string }) => i.id === quiet.id)).toMatchObject({
      lastStep: null,
      daysSinceLastContact: null,
      nextStep: null,
    });
    expect(caseload.body.position).toEqual(expect.any(Number));

    const timeline = await http.get(`/pathways/${busy.id}?minPosition=${recorded.position}`).set('Authorization', coach1).expect(200);
    expect(timeline.body.caseSteps.map((s: { kind: string }) => s.kind)).toEqual(['intake', 'counselling']);
    expect(timeline.body.caseSteps[1]).toMatchObject({ note: 'Exam in March.', next: { kind: 'exam_registered', dueOn: '2026-03-01' } });
  });

  it('filters by status and kind, sorts and pages the caseload', async () => {
    const a = await open(await register('Aya'), coach1, 'language_support', '2026-05-31');
    const b = await open(await register('Ben'), coach1, 'language_support', '2026-04-30');
    const c = await open(await register('Cem'), coach1, 'language_support', '2026-06-30');
    const done = await http
      .post(`/pathways/${c.id}/complete`)
      .set('Authorization', coach1)
      .send({ outcome: 'school', endedOn: '2026-02-01' })
      .expect(200);
    const base = `/pathways?coach=coach-1&kind=language_support&minPosition=${done.body.position}`;

    const active = await http.get(`${base}&status=active&sort=plannedEnd`).set('Authorization', coach1).expect(200);
    expect(active.body.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    expect(active.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    const descending = await http.get(`${base}&status=active&sort=-plannedEnd`).set('Authorization', coach1).expect(200);
    expect(descending.body.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id]);
    const second = await http.get(`${base}&sort=plannedEnd&pageSize=1&page=2`).set('Authorization', coach1).expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 3, items: [{ id: a.id }] });
    const completed = await http.get(`${base}&status=completed`).set('Authorization', coach1).expect(200);
    expect(completed.body.items).toEqual([expect.objectContaining({ id: c.id, status: 'completed', outcome: 'school', nextStep: null })]);
  });

  it('keeps every municipality to its own caseload, and every role to what it may read', async () => {
    const inDormagen = await open(await register('Dana', dormagenCoach, 'dormagen'), dormagenCoach);
    await http.get('/pathways').expect(401);
    const neuss = await http.get('/pathways').set('Authorization', coordinator).expect(200);
    expect(neuss.body.items.length).toBeGreaterThan(0);
    expect(neuss.body.items.every((i: { municipality: string }) => i.municipality === 'neuss')).toBe(true);
    // A coordinator steers with figures: no names.
    expect(neuss.body.items.every((i: { participant: unknown }) => i.participant === null)).toBe(true);
    await http.get('/pathways?municipality=dormagen').set('Authorization', coach1).expect(403);
    await http.get('/pathways?municipality=dormagen').set('Authorization', coordinator).expect(403);
    await http.get('/pathways').set('Authorization', auditor).expect(200);
    const forAdmin = await http
      .get(`/pathways?municipality=dormagen&minPosition=${inDormagen.position}`)
      .set('Authorization', admin)
      .expect(200);
    expect(forAdmin.body.items.map((i: { id: string }) => i.id)).toContain(inDormagen.id);
    await http.get(`/pathways/${inDormagen.id}?minPosition=${inDormagen.position}`).set('Authorization', coach1).expect(403);
    await http
      .get(`/pathways?coach=me`)
      .set('Authorization', bearer(['nobody'], 'neuss'))
      .expect(403);
  });

  it('answers bad list parameters with problem+json and 400', async () => {
    for (const query of [
      'pageSize=1000',
      'page=0',
      'sort=name',
      'status=open',
      'kind=cooking',
      'minPosition=-1',
      'minPosition=abc',
      'municipality=Neuss!',
      'colour=blue',
    ]) {
      const answer = await http.get(`/pathways?${query}`).set('Authorization', coach1).expect(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.code).toBe('validation_failed');
    }
  });

  it('answers 503 with Retry-After when the read model does not reach minPosition in time', async () => {
    const started = Date.now();
    const answer = await http.get('/pathways?minPosition=999999999').set('Authorization', coach1).expect(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toMatchObject({ code: 'read_model_behind', status: 503 });
  });

  it('rebuilds a read model through the admin route, and the caseload comes out the same', async () => {
    const pathway = await open(await register('Emre'));
    const last = await recordStep(pathway.id, {
      kind: 'intake',
      occurredAt: '2026-02-05T09:00:00+01:00',
      next: { kind: 'goal_agreement', dueOn: '2099-01-01' },
    });
    const before = await http.get(`/pathways?pageSize=100&minPosition=${last.position}`).set('Authorization', coach1).expect(200);

    await http.post('/admin/projections/pathways/rebuild').set('Authorization', coach1).expect(403);
    await http.post('/admin/projections/pathways/rebuild').set('Authorization', coordinator).expect(403);
    await http.post('/admin/projections/pathways/rebuild').expect(401);
    await http.post('/admin/projections/nothing/rebuild').set('Authorization', admin).expect(404);
    // While a rebuild runs elsewhere (here: another process's lock), the route refuses.
    const elsewhere = electionOfAnotherProcess(app);
    expect(await elsewhere.tryAcquire(rebuildName('pathways'))).toBe(true);
    const busy = await http.post('/admin/projections/pathways/rebuild').set('Authorization', admin).expect(409);
    expect(busy.body).toMatchObject({ code: 'rebuild_in_progress' });
    await elsewhere.close();

    const started = await http.post('/admin/projections/pathways/rebuild').set('Authorization', admin).expect(202);
    expect(started.body).toMatchObject({ projection: 'pathways', state: 'rebuilding' });

    let status: { name: string; rebuild?: { state: string; progress?: { done: number; total: number } } } | undefined;
    for (let i = 0; i < 200 && status?.rebuild?.state !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const list = await http.get('/admin/projections').set('Authorization', admin).expect(200);
      status = list.body.projections.find((p: { name: string }) => p.name === 'pathways');
    }
    expect(status?.rebuild?.state).toBe('done');
    expect(status?.rebuild?.progress?.done).toBeGreaterThan(0);
    await http.get('/admin/projections').set('Authorization', coach1).expect(403);

    const after = await http.get(`/pathways?pageSize=100&minPosition=${last.position}`).set('Authorization', coach1).expect(200);
    expect(after.body.items).toEqual(before.body.items);
    expect(after.body.items.find((i: { id: string }) => i.id === pathway.id).nextStep).toEqual({
      kind: 'goal_agreement',
      dueOn: '2099-01-01',
      overdue: false,
    });
  });

  it('shows a failing projection in /health and /metrics while the others go on', async () => {
    const pathway = await open(await register('Faris'));
    for (let i = 0; i < 3; i += 1) await recordStep(pathway.id, { kind: 'note', occurredAt: `2026-02-0${i + 1}T09:00:00+01:00` });
    const last = await recordStep(pathway.id, { kind: 'counselling', occurredAt: '2026-02-05T09:00:00+01:00' });
    // The other read models carry on past the event the fragile one cannot apply.
    await http.get(`/pathways/${pathway.id}?minPosition=${last.position}`).set('Authorization', coach1).expect(200);

    let health = await http.get('/health');
    for (let i = 0; i < 100 && health.status !== 503; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      health = await http.get('/health');
    }
    expect(health.status).toBe(503);
    expect(health.body.error.projections).toMatchObject({
      status: 'down',
      failed: ['fragile_steps'],
      fragile_steps: { state: 'failed', error: 'cannot read this step', failedAt: expect.any(Number) },
    });
    expect(health.body.details.projections.pathways).toMatchObject({ state: 'running', behindEvents: expect.any(Number) });

    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(/lotse_projection_lag_seconds_bucket\{le="0\.25",projection="pathways"\} [1-9]/);
    expect(metrics.text).toMatch(/lotse_projection_events_total\{projection="pathways"\} [1-9]/);
    expect(metrics.text).toContain('lotse_projection_state{projection="fragile_steps",state="failed"} 1');
    expect(metrics.text).toMatch(/lotse_projection_behind_events\{projection="pathways"\} \d+/);
  });
};
