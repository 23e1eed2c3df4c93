import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqlDriver } from '@lotse/event-store';
import { signTestToken } from '../../src/auth/testing';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/create-app';
import { SQL_DRIVER } from '../../src/database';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256-000';
const coach = (sub: string) => `Bearer ${signTestToken({ sub, roles: ['coach'], municipality: 'neuss' }, SECRET)}`;
const JURISDICTIONS = ['state', 'sgb3', 'sgb8', 'federal'];

const person = (residenceStatus = 'duldung', entitlements: object[] = []) => ({
  givenName: 'Samir', familyName: 'Nasser', birthDate: '2005-02-11', municipality: 'neuss', residenceStatus, entitlements,
});
const pathway = (participantId: string, overrides: Record<string, string> = {}) => ({
  participantId, kind: 'coaching', jurisdiction: 'state', provider: 'Diakonie', goal: 'Training place in logistics',
  plannedStart: '2026-01-01', plannedEnd: '2026-06-30', ...overrides,
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
    const config = loadConfig({ EVENT_STORE_URL: eventStoreUrl(), LOG_LEVEL: 'silent', JWT_SECRET: SECRET, DATA_DIR: dataDir });
    apps = [];
    for (let i = 0; i < 2; i += 1) {
      const app = await createApp(config);
      await app.init();
      apps.push(app);
    }
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
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) =>
      http[n % 2].post('/pathways').set('Authorization', coach(`coach-${n}`))
        .send(pathway(participantId, { jurisdiction: JURISDICTIONS[n % JURISDICTIONS.length], plannedStart: `2026-01-${String(1 + n).padStart(2, '0')}` }))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(19);
    for (const a of refused) {
      expect(a.status).toBe(409);
      expect(a.body).toMatchObject({ code: 'duplicate_pathway', rule: 'R1', conflicting: { kind: 'coaching' } });
    }
    const opened = await sql.query<{ n: string }>(
      `select count(*)::text as n from events where type = 'PathwayOpened' and data ->> 'participantId' = $1`, [participantId]);
    expect(opened[0].n).toBe('1');
  });

  it('names the conflicting pathway by kind, jurisdiction and period only', async () => {
    const participantId = await register();
    await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId, { jurisdiction: 'sgb8' })).expect(201);
    const refused = await http[1].post('/pathways').set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { plannedStart: '2026-06-30', plannedEnd: '2026-12-31' })).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'duplicate_pathway', rule: 'R1',
      conflicting: { kind: 'coaching', jurisdiction: 'sgb8', from: '2026-01-01', to: '2026-06-30' } });
    expect(JSON.stringify(refused.body)).not.toMatch(/Samir|Nasser|logistics|Diakonie|coach-1/);
  });

  it('lets a pathway start the day after the last one ended (touching periods do not overlap)', async () => {
    const participantId = await register();
    const first = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(201);
    await http[0].post(`/pathways/${first.body.id}/abort`).set('Authorization', coach('coach-1'))
      .send({ outcome: 'dropped_out', endedOn: '2026-02-28', reason: 'No longer came.' }).expect(200);
    await http[1].post('/pathways').set('Authorization', coach('coach-2'))
      .send(pathway(participantId, { plannedStart: '2026-03-01', plannedEnd: '2026-08-31' })).expect(201);
  });

  it('refuses participation management to a residence status the eligibility table does not open it to', async () => {
    const participantId = await register(person('aufenthaltserlaubnis'));
    const refused = await http[0].post('/pathways').set('Authorization', coach('coach-1'))
      .send(pathway(participantId, { kind: 'participation_management', jurisdiction: 'sgb8' })).expect(409);
    expect(refused.body).toMatchObject({ code: 'not_eligible', rule: 'R4', eligibilityVersion: expect.any(String) });
  });

  it('refuses state-funded coaching while an SGB II entitlement covers it (subsidiarity)', async () => {
    const participantId = await register(person('aufenthaltserlaubnis', [{ jurisdiction: 'sgb2', from: '2025-10-01' }]));
    const refused = await http[0].post('/pathways').set('Authorization', coach('coach-1')).send(pathway(participantId)).expect(409);
    expect(refused.body).toMatchObject({ code: 'subsidiarity', rule: 'R2', conflicting: { jurisdiction: 'sgb2' } });
  });
};
