import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { coach, participantBody, step } from './coach-api.scenarios';
import { bootTestApp } from './test-app';

const STEPS = 50;

/**
 * Two app instances on one database stand for two servers behind a round-robin load balancer:
 * each queues commands on a stream in its own process, so only the store's optimistic
 * concurrency stands between them. No request sends If-Match, so none may end in a conflict.
 */
export const scaleOutScenarios = (eventStoreUrl: () => string) => {
  let apps: INestApplication[];
  let http: ReturnType<typeof request>[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lotse-scale-out-'));
    // One URL for both: a bare pglite:memory:// would give each its own database.
    const url = eventStoreUrl();
    apps = [await bootTestApp(url, dataDir), await bootTestApp(url, dataDir)];
    http = apps.map((app) => request(app.getHttpServer()));
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it(`records ${STEPS} concurrent case steps on one pathway through two instances, every one with its own next version`, async () => {
    const participantId = (await http[0].post('/participants').set('Authorization', coach).send(participantBody).expect(201)).body.id;
    const opened = await http[1]
      .post('/pathways')
      .set('Authorization', coach)
      .send({
        participantId,
        kind: 'language_support',
        jurisdiction: 'state',
        provider: 'VHS Neuss',
        goal: 'Reach B1',
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
      })
      .expect(201);
    const pathwayId = opened.body.id as string;

    const answers = await Promise.all(
      Array.from({ length: STEPS }, (_, n) =>
        http[n % 2]
          .post(`/pathways/${pathwayId}/case-steps`)
          .set('Authorization', coach)
          .send(step({ note: `step ${n}` })),
      ),
    );

    expect(answers.map((a) => a.status).filter((status) => status !== 201)).toEqual([]);
    const versions = answers.map((a) => a.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: STEPS }, (_, n) => opened.body.version + 1 + n));

    const last = Math.max(...answers.map((a) => a.body.position as number));
    const pathway = await http[0].get(`/pathways/${pathwayId}?minPosition=${last}`).set('Authorization', coach).expect(200);
    expect(pathway.body.version).toBe(opened.body.version + STEPS);
    expect(pathway.body.caseSteps.map((s: { note: string }) => s.note).sort()).toEqual(
      Array.from({ length: STEPS }, (_, n) => `step ${n}`).sort(),
    );
  });
};
