import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { randomUUID } from 'node:crypto';
import { SQL_DRIVER } from '../../src/database';
import { EnrolmentLedgerService, ParticipantLoader } from '../../src/guard';
import { bootTestApp, TEST_SECRET as SECRET } from './test-app';

const coordinator = (municipality = 'neuss') =>
  `Bearer ${signTestToken({ sub: 'coordinator-1', roles: ['coordinator'], municipality }, SECRET)}`;
const coach = (sub: string) => `Bearer ${signTestToken({ sub, roles: ['coach'], municipality: 'neuss' }, SECRET)}`;
const JURISDICTIONS = ['state', 'sgb3', 'sgb8', 'federal'];

const person = (residenceStatus = 'duldung', entitlements: object[] = []) => ({
  givenName: 'Samir',
  familyName: 'Nasser',
  birthDate: '2005-02-11',
  municipality: 'neuss',
  residenceStatus,
  entitlements,
});
const pathway = (participantId: string, overrides: Record<string, string> = {}) => ({
  participantId,
  kind: 'coaching',
  jurisdiction: 'state',
  provider: 'Diakonie',
  goal: 'Training place in logistics',
  plannedStart: '2026-01-01',
  plannedEnd: '2026-06-30',
  ...overrides,
});

/**
 * The measure-career guard end to end. Two app instances on one database stand for two servers
 * behind a load balancer: they share no in-process queue, only the store's optimistic concurrency.
 */
export const guardScenarios = (eventStoreUrl: () => string) => {
  let apps: INestApplication[];
  let http: ReturnType<typeof request>[];
  let sql: SqlDriver;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lotse-guard-'));
    // One URL for both: a bare pglite:memory:// would give each its own database.
    const url = eventStoreUrl();
    apps = [await bootTestApp(url, dataDir), await bootTestApp(url, dataDir)];
    http = apps.map((app) => request(app.getHttpServer()));
    sql = apps[0].get(SQL_DRIVER);
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  const register = async (body: object = person()) =>
    (await http[0].post('/participants').set('Authorization', coach('coach-1')).send(body).expect(201)).body.id as string;

  it('lets exactly one of 20 concurrent overlapping pathways for one person through', async () => {
    const participantId = await register();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        http[n % 2]
          .post('/pathways')
          .set('Authorization', coach(`coach-${n}`))
          .send(
            pathway(participantId, {
              jurisdiction: JURISDICTIONS[n % JURISDICTIONS.length],
              plannedStart: `2026-01-${String(1 + n).padStart(2, '0')}`,
            }),
          ),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(19);
    for (const a of refused) {
      expect(a.status).toBe(409);
      expect(a.body).toMatchObject({ code: 'duplicate_pathway', rule: 'R1', conflicting: { kind: 'coaching' } });
    }
    const opened = await sql.query<{ n: string }>(
      `select count(*)::text as n from events_json where type = 'PathwayOpened' and data ->> 'participantId' = $1`,
      [participantId],
    );
    expect(opened[0].n).toBe('1');
    // Every one of the 20 decisions is on record, the race lost or won.
    const decisions = await sql.query<{ allowed: string; n: string }>(
      `select data ->> 'allowed' as allowed, count(*)::text as n from events_json
      where type = 'GuardDecisionRecorded' and data ->> 'participantId' = $1 group by 1 order by 1`,
      [participantId],
    );
    expect(decisions).toEqual([
      { allowed: 'false', n: '19' },
      { allowed: 'true', n: '1' },
    ]);
  });

  it('records every decision of the guard on an opening: allowed ones with the reservation, refusals in the participant’s decision stream', async () => {
    const participantId = await register();
    const first = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(201);
    await http[1]
      .post('/pathways')
      .set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { jurisdiction: 'sgb3', plannedStart: '2026-03-01', plannedEnd: '2026-09-30' }))
      .expect(409);
    await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { kind: 'participation_management', jurisdiction: 'sgb2' }))
      .expect(409);

    const decisions = await sql.query<{
      stream_id: string;
      data: {
        allowed: boolean;
        pathwayId: string;
        eligibilityVersion: string;
        ledgerVersion: number;
        refusal?: { code: string; rule: string; conflictingPathwayId?: string };
      };
    }>(
      `select stream_id, data from events_json where type = 'GuardDecisionRecorded' and data ->> 'participantId' = $1 order by global_position`,
      [participantId],
    );
    expect(
      decisions.map(({ stream_id, data }) => [
        stream_id,
        data.allowed,
        data.refusal?.rule,
        data.refusal?.code,
        data.refusal?.conflictingPathwayId,
      ]),
    ).toEqual([
      [`enrolment-${participantId}`, true, undefined, undefined, undefined],
      [`guard-decisions-${participantId}`, false, 'R1', 'duplicate_pathway', first.body.id],
      [`guard-decisions-${participantId}`, false, 'R4', 'not_eligible', undefined],
    ]);
    expect(decisions[0].data).toMatchObject({
      pathwayId: first.body.id,
      eligibilityVersion: expect.stringMatching(/^nrw-/),
      ledgerVersion: -1,
    });
    // Both refusals rest on the ledger holding the decision and the reservation of the first pathway.
    expect(decisions.slice(1).map(({ data }) => data.ledgerVersion)).toEqual([1, 1]);
    // Refused openings reserve nothing: the career shows the one pathway that opened.
    const career = await http[0]
      .get(`/participants/${participantId}/career?minPosition=${first.body.position}`)
      .set('Authorization', coach('coach-1'))
      .expect(200);
    expect(career.body.pathways.map((p: { pathwayId: string }) => p.pathwayId)).toEqual([first.body.id]);
  });

  it('names the conflicting pathway by kind, jurisdiction and period only', async () => {
    const participantId = await register();
    await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { jurisdiction: 'sgb8' }))
      .expect(201);
    const refused = await http[1]
      .post('/pathways')
      .set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { plannedStart: '2026-06-30', plannedEnd: '2026-12-31' }))
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'duplicate_pathway',
      rule: 'R1',
      conflicting: { kind: 'coaching', jurisdiction: 'sgb8', from: '2026-01-01', to: '2026-06-30' },
    });
    expect(JSON.stringify(refused.body)).not.toMatch(/Samir|Nasser|logistics|Diakonie|coach-1/);
  });

  it('lets a pathway start the day after the last one ended (touching periods do not overlap)', async () => {
    const participantId = await register();
    const first = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(201);
    await http[0]
      .post(`/pathways/${first.body.id}/abort`)
      .set('Authorization', coach('coach-1'))
      .send({ outcome: 'dropped_out', endedOn: '2026-02-28', reason: 'No longer came.' })
      .expect(200);
    await http[1]
      .post('/pathways')
      .set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { plannedStart: '2026-03-01', plannedEnd: '2026-08-31' }))
      .expect(201);
  });

  it('refuses participation management to a residence status the eligibility table does not open it to', async () => {
    const participantId = await register(person('aufenthaltserlaubnis'));
    const refused = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { kind: 'participation_management', jurisdiction: 'sgb8' }))
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'not_eligible', rule: 'R4', eligibilityVersion: expect.any(String) });
  });

  it('refuses state coaching to someone under 18 on the planned start (the age rule), and lets youth welfare coaching through', async () => {
    const participantId = await register({ ...person(), birthDate: '2010-05-01' });
    const refused = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { plannedStart: '2027-01-01', plannedEnd: '2027-06-30' }))
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'not_eligible', rule: 'R4', eligibilityVersion: 'nrw-2026.2', ages: { min: 18, max: 27 } });
    expect(refused.body.detail).toContain('aged 18 to 27 on the planned start');
    expect(JSON.stringify(refused.body)).not.toContain('2010-05-01');
    const opened = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { jurisdiction: 'sgb8', plannedStart: '2027-01-01', plannedEnd: '2027-06-30' }))
      .expect(201);
    const [event] = await sql.query<{ data: { ageAtStart: number } }>('select data from events_json where stream_id = $1', [
      `pathway-${opened.body.id}`,
    ]);
    expect(event.data.ageAtStart).toBe(16);
  });

  it('refuses state-funded coaching while an SGB II entitlement covers it (subsidiarity)', async () => {
    const participantId = await register(person('aufenthaltserlaubnis', [{ jurisdiction: 'sgb2', from: '2025-10-01' }]));
    const refused = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(409);
    expect(refused.body).toMatchObject({ code: 'subsidiarity', rule: 'R2', conflicting: { jurisdiction: 'sgb2' } });
  });

  it('lets a coordinator lift subsidiarity with a written reason for one pathway, and shows it in the career as used', async () => {
    const participantId = await register(person('aufenthaltserlaubnis', [{ jurisdiction: 'sgb2', from: '2025-10-01' }]));
    const reason = 'Job centre confirmed in writing it funds no coaching before spring.';
    const granted = await http[0]
      .post('/overrides')
      .set('Authorization', coordinator())
      .send({ participantId, rule: 'subsidiarity', reason, validUntil: '2099-12-31' })
      .expect(201);
    const opened = await http[1].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(201);

    const career = await http[0]
      .get(`/participants/${participantId}/career?minPosition=${opened.body.position}`)
      .set('Authorization', coach('coach-1'))
      .expect(200);
    expect(career.body).toMatchObject({
      participantId,
      overrides: [
        {
          overrideId: granted.body.id,
          rule: 'subsidiarity',
          validUntil: '2099-12-31',
          grantedBy: 'coordinator-1',
          usedBy: opened.body.id,
          status: 'used',
        },
      ],
      pathways: [
        {
          pathwayId: opened.body.id,
          kind: 'coaching',
          jurisdiction: 'state',
          status: 'active',
          plannedStart: '2026-01-01',
          flags: [expect.objectContaining({ rule: 'subsidiarity', overridden: true })],
        },
      ],
    });
    expect(JSON.stringify(career.body)).not.toContain('Job centre confirmed');

    // The override was for that pathway: the next one needs a decision of its own.
    const next = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { plannedStart: '2026-07-01', plannedEnd: '2026-12-31' }))
      .expect(409);
    expect(next.body).toMatchObject({ code: 'subsidiarity', rule: 'R2' });
  });

  it('shows an override no pathway has used yet as open', async () => {
    const participantId = await register(person('aufenthaltserlaubnis', [{ jurisdiction: 'sgb2', from: '2025-10-01' }]));
    const reason = 'Job centre confirmed in writing it funds no coaching before spring.';
    const granted = await http[0]
      .post('/overrides')
      .set('Authorization', coordinator())
      .send({ participantId, rule: 'subsidiarity', reason, validUntil: '2099-12-31' })
      .expect(201);
    const career = await http[0]
      .get(`/participants/${participantId}/career?minPosition=${granted.body.position}`)
      .set('Authorization', coordinator())
      .expect(200);
    expect(career.body.overrides).toEqual([expect.objectContaining({ overrideId: granted.body.id, status: 'open' })]);
    expect(career.body.overrides[0].usedBy).toBeUndefined();
  });

  it('refuses to override a true duplicate, and refuses overrides from coaches, other municipalities and without a real reason', async () => {
    const registered = await http[0].post('/participants').set('Authorization', coach('coach-1')).send(person()).expect(201);
    const participantId: string = registered.body.id;
    const body = { participantId, rule: 'career_risk', reason: 'Agreed at the round table with all bodies.', validUntil: '2099-12-31' };
    const duplicate = await http[0]
      .post('/overrides')
      .set('Authorization', coordinator())
      .send({ ...body, rule: 'duplicate_pathway' })
      .expect(422);
    expect(duplicate.body.code).toBe('not_overridable');
    await http[0].post('/overrides').set('Authorization', coach('coach-1')).send(body).expect(403);
    await http[0].post('/overrides').set('Authorization', coordinator('dormagen')).send(body).expect(403);
    await http[0]
      .post('/overrides')
      .set('Authorization', coordinator())
      .send({ ...body, reason: 'too short' })
      .expect(400);
    await http[0].post('/overrides').send(body).expect(401);
    const conference = { heldOn: '2026-01-10', decision: 'Agreed on one more try with a mentor.' };
    await http[0].post(`/participants/${participantId}/case-conferences`).send(conference).expect(401);
    await http[0]
      .post(`/participants/${participantId}/case-conferences`)
      .set('Authorization', `Bearer ${signTestToken({ sub: 'a-1', roles: ['auditor'], municipality: 'neuss' }, SECRET)}`)
      .send(conference)
      .expect(403);
    await http[0]
      .post(`/participants/${participantId}/case-conferences`)
      .set('Authorization', coordinator('dormagen'))
      .send(conference)
      .expect(403);
    await http[0].get(`/participants/${participantId}/career`).expect(401);
    const career = await http[0]
      .get(`/participants/${participantId}/career?minPosition=${registered.body.position}`)
      .set('Authorization', coordinator())
      .expect(200);
    expect(career.body.overrides).toEqual([]);
    await http[0].get(`/participants/${participantId}/career`).set('Authorization', coach('coach-9')).expect(200);
    const stranger = `Bearer ${signTestToken({ sub: 'coach-x', roles: ['coach'], municipality: 'dormagen' }, SECRET)}`;
    await http[0].get(`/participants/${participantId}/career`).set('Authorization', stranger).expect(403);
  });

  it('refuses an abort whose outcome reaches the goal, and stores nothing', async () => {
    const participantId = await register();
    const opened = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(201);
    const refused = await http[0]
      .post(`/pathways/${opened.body.id}/abort`)
      .set('Authorization', coach('coach-1'))
      .send({ outcome: 'training_place', endedOn: '2026-02-28', reason: 'Found a training place.' })
      .expect(422);
    expect(refused.body.code).toBe('outcome_not_an_abort');
    const events = await sql.query<{ type: string }>('SELECT type FROM events WHERE stream_id = $1', [`pathway-${opened.body.id}`]);
    expect(events.map((e) => e.type)).toEqual(['PathwayOpened']);
  });

  it('holds back a fourth pathway after three failed ones (career risk) until a case conference', async () => {
    const participantId = await register();
    const periods = [
      ['2025-01-01', '2025-03-31', '2025-02-28'],
      ['2025-04-01', '2025-06-30', '2025-05-31'],
      ['2025-07-01', '2025-09-30', '2025-08-31'],
    ];
    for (const [plannedStart, plannedEnd, endedOn] of periods) {
      const opened = await http[0]
        .post('/pathways')
        .set('Authorization', coach('coach-1'))
        .send(pathway(participantId, { plannedStart, plannedEnd }))
        .expect(201);
      await http[0]
        .post(`/pathways/${opened.body.id}/abort`)
        .set('Authorization', coach('coach-1'))
        .send({ outcome: 'dropped_out', endedOn, reason: 'Stopped coming.' })
        .expect(200);
    }
    const refused = await http[1].post('/pathways').set('Authorization', coach('coach-2')).send(pathway(participantId)).expect(409);
    expect(refused.body).toMatchObject({ code: 'career_risk', rule: 'R3', conflicting: { kind: 'coaching' } });

    await http[0]
      .post('/participants/' + participantId + '/case-conferences')
      .set('Authorization', coordinator())
      .send({ heldOn: '2025-10-15', decision: 'One more coaching with a mentor from the youth welfare office.' })
      .expect(201);
    const fourth = await http[1].post('/pathways').set('Authorization', coach('coach-2')).send(pathway(participantId)).expect(201);
    const career = await http[0]
      .get(`/participants/${participantId}/career?minPosition=${fourth.body.position}`)
      .set('Authorization', coach('coach-1'))
      .expect(200);
    expect(career.body.caseConferences).toEqual(['2025-10-15']);
    expect(career.body.pathways.map((p: { status: string }) => p.status)).toEqual(['aborted', 'aborted', 'aborted', 'active']);
    expect(career.body.pathways[3].flags).toEqual([expect.objectContaining({ rule: 'career_risk', liftedByCaseConference: '2025-10-15' })]);
  });

  it('releases a reservation whose pathway was never opened (a crash between the two appends), once it is old', async () => {
    const participantId = await register();
    const participant = await apps[0].get(ParticipantLoader).load(participantId);
    const ledger = apps[0].get(EnrolmentLedgerService);
    const crashed = (now: string) =>
      ledger.reserve(
        participant,
        { pathwayId: randomUUID(), kind: 'coaching', jurisdiction: 'sgb3', plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
        { actor: 'coach-1', role: 'coach', municipality: 'neuss', correlationId: 'crash', now },
      );

    await crashed(new Date().toISOString());
    const blocked = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(409);
    expect(blocked.body.code).toBe('duplicate_pathway');

    const other = await register({ ...person(), givenName: 'Rami' });
    const otherParticipant = await apps[0].get(ParticipantLoader).load(other);
    await ledger.reserve(
      otherParticipant,
      { pathwayId: randomUUID(), kind: 'coaching', jurisdiction: 'sgb3', plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
      {
        actor: 'coach-1',
        role: 'coach',
        municipality: 'neuss',
        correlationId: 'crash',
        now: new Date(Date.now() - 10 * 60_000).toISOString(),
      },
    );
    const opened = await http[1].post('/pathways').set('Authorization', coach('coach-2')).send(pathway(other)).expect(201);
    const career = await http[0]
      .get(`/participants/${other}/career?minPosition=${opened.body.position}`)
      .set('Authorization', coach('coach-1'))
      .expect(200);
    expect(career.body.pathways.map((p: { pathwayId: string }) => p.pathwayId)).toEqual([opened.body.id]);
  });

  it('answers a retried open after a crash (answer lost, pathway stored) with the same pathway and keeps its reservation', async () => {
    const participantId = await register();
    const first = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .set('Idempotency-Key', 'open-once')
      .send(pathway(participantId))
      .expect(201);
    // As if the process died after storing the pathway and before storing its answer for the key.
    await sql.query('delete from idempotency_keys');
    const again = await http[1]
      .post('/pathways')
      .set('Authorization', coach('coach-1'))
      .set('Idempotency-Key', 'open-once')
      .send(pathway(participantId))
      .expect(201);
    expect(again.body).toEqual(first.body);
    const opened = await sql.query<{ n: string }>(
      `select count(*)::text as n from events_json where type = 'PathwayOpened' and data ->> 'participantId' = $1`,
      [participantId],
    );
    expect(opened[0].n).toBe('1');
    const blocked = await http[0]
      .post('/pathways')
      .set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { jurisdiction: 'sgb3' }))
      .expect(409);
    expect(blocked.body.code).toBe('duplicate_pathway');
  });
};
