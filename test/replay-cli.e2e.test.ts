import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PostgresDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { coach, freshPostgresStore, pathwayWithIntake } from './support/cli-history';
import { runCompiledScript } from './support/npm-script';
import { bearer, bootTestApp } from './support/test-app';

const replayCli = (args: string[], env: Record<string, string>) => runCompiledScript('replay', args, env);

/** A pathway with one step, then completed: returns the step's position (the moment to replay to) and the ids. */
const history = async (app: INestApplication) => {
  const { pathwayId, stepPosition } = await pathwayWithIntake(app);
  await request(app.getHttpServer())
    .post(`/pathways/${pathwayId}/complete`)
    .set('Authorization', coach)
    .send({ outcome: 'school', endedOn: '2026-03-01' })
    .expect(200);
  return { pathwayId, stepPosition };
};

// Each case starts the app and the CLI (a process of its own, from the tree compiled once per run) several times:
// on a busy 2-core machine that outgrows the default minute.
jest.setTimeout(180_000);

describe('npm run --silent replay', () => {
  it('builds the pathways read model as it was into a schema beside the live one, and into a JSON file (PostgreSQL)', async () => {
    const { schema, url } = freshPostgresStore('lotse_replay');
    const into = freshSchemaName('lotse_replayed');
    const dir = mkdtempSync(join(tmpdir(), 'lotse-replay-'));
    const app = await bootTestApp(url);
    const sql = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const { pathwayId, stepPosition } = await history(app);
      const replayed = await replayCli(['--until', String(stepPosition), '--projection', 'pathways', '--into', into], {
        EVENT_STORE_URL: url,
      });
      expect(replayed.code).toBe(0);
      expect(replayed.stderr).toMatch(/pathways \[#+\] 100%/);
      expect(replayed.stderr).toMatch(
        new RegExp(`replayed pathways up to position ${stepPosition}: 1 documents from \\d+ events into schema ${into}`),
      );
      const [row] = await sql.query<{ doc: { status: string; caseStepCount?: number } }>(
        `select doc from "${into}".pathways where id = $1`,
        [pathwayId],
      );
      expect(row.doc.status).toBe('active');
      const [info] = await sql.query<{ info: { position: number } }>(
        `select info from "${into}".replay_info where projection = 'pathways'`,
      );
      expect(info.info.position).toBe(stepPosition);

      const file = join(dir, 'pathways.json');
      const toFile = await replayCli(['--until', String(stepPosition), '--projection', 'pathways', '--into', file], {
        EVENT_STORE_URL: url,
      });
      expect(toFile.code).toBe(0);
      const written = JSON.parse(readFileSync(file, 'utf8')) as { position: number; documents: Record<string, { status: string }> };
      expect(written.position).toBe(stepPosition);
      expect(written.documents[pathwayId].status).toBe('active');

      // The live model is untouched and has moved on.
      const live = await request(app.getHttpServer()).get(`/pathways/${pathwayId}`).set('Authorization', coach).expect(200);
      expect(live.body.status).toBe('completed');

      const again = await replayCli(['--until', String(stepPosition), '--projection', 'pathways', '--into', into], {
        EVENT_STORE_URL: url,
      });
      expect(again.code).toBe(1);
      const bad = await replayCli(['--until', 'yesterday', '--projection', 'pathways', '--into', into], { EVENT_STORE_URL: url });
      expect(bad).toMatchObject({ code: 2 });
      expect(bad.stderr).toContain('usage: npm run --silent replay');
      const unknown = await replayCli(['--until', '1', '--projection', 'nothing', '--into', 'x.json'], { EVENT_STORE_URL: url });
      expect(unknown.stderr).toContain('--projection must name one of pathways, case_steps, careers');
    } finally {
      await sql.close();
      await app.close();
      await dropSchemas([schema, into]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays the embedded database by time into a file once the service has stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lotse-replay-'));
    const url = `pglite:${join(dataDir, 'lotse')}`;
    const app = await bootTestApp(url, dataDir);
    let pathwayId: string;
    let recordedAt: string;
    try {
      ({ pathwayId } = await history(app));
      const events = await request(app.getHttpServer())
        .get(`/audit/streams/pathway-${pathwayId}/events`)
        .set('Authorization', bearer(['auditor'], 'neuss'))
        .expect(200);
      recordedAt = events.body.events[1].recordedAt;
    } finally {
      await app.close();
    }
    try {
      const file = join(dataDir, 'careers.json');
      const replayed = await replayCli(['--until', recordedAt, '--projection', 'case_steps', '--into', file], {
        EVENT_STORE_URL: url,
        DATA_DIR: dataDir,
      });
      expect(replayed.code).toBe(0);
      const written = JSON.parse(readFileSync(file, 'utf8')) as { documents: Record<string, { pathwayId: string }> };
      expect(Object.values(written.documents)).toEqual([expect.objectContaining({ pathwayId })]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
