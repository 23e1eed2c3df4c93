import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { dropSchemas } from '../libs/event-store/src/testing/postgres-test-database';
import { coach, freshPostgresStore, pathwayWithIntake } from './support/cli-history';
import { runCompiledScript } from './support/npm-script';
import { bootTestApp } from './support/test-app';

const projectionsCli = (args: string[], env: Record<string, string>) => runCompiledScript('projections', args, env);

/** A little history through the API: three pathways with an intake each; returns the position of the last write. */
const someHistory = async (app: INestApplication): Promise<number> => {
  let position = 0;
  for (const givenName of ['Amira', 'Rami', 'Lina'])
    ({ stepPosition: position } = await pathwayWithIntake(app, givenName, { kind: 'goal_agreement', dueOn: '2026-02-15' }));
  return position;
};

const caseload = async (app: INestApplication, minPosition: number) =>
  (await request(app.getHttpServer()).get(`/pathways?pageSize=100&minPosition=${minPosition}`).set('Authorization', coach).expect(200)).body
    .items;

// Each case starts the app and the CLI (a process of its own, from the tree compiled once per run) several times,
// as the replay CLI's test does: on a busy 2-core machine that outgrows the default minute.
jest.setTimeout(180_000);

describe('npm run --silent projections', () => {
  it('shows status and rebuilds beside a running service on PostgreSQL, which then reads the rebuilt model', async () => {
    const { schema, url } = freshPostgresStore('lotse_cli');
    const app = await bootTestApp(url);
    try {
      const position = await someHistory(app);
      const before = await caseload(app, position);
      expect(before).toHaveLength(3);

      const status = await projectionsCli(['status'], { EVENT_STORE_URL: url });
      expect(status).toMatchObject({ code: 0, stderr: '' });
      expect(status.stdout).toMatch(/^projection\s+position\s+behind \(events\)\n/);
      expect(status.stdout).toMatch(/\npathways\s+\d+\s+\d+\n/);
      expect(status.stdout).toMatch(/\ncareers\s+\d+\s+\d+\n/);

      const rebuilt = await projectionsCli(['rebuild', 'pathways'], { EVENT_STORE_URL: url });
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stderr).toMatch(/pathways \[#+\] 100% (\d+)\/\1 events/);
      expect(rebuilt.stderr).toMatch(/rebuilt pathways: \d+ events in [\d.]+ s \(\d[\d,]* events\/s\), swapped in at position \d+/);
      expect(await caseload(app, position)).toEqual(before);

      const unknown = await projectionsCli(['rebuild', 'nothing'], { EVENT_STORE_URL: url });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no projection named nothing; there are pathways, case_steps, careers');
    } finally {
      await app.close();
      await dropSchemas([schema]);
    }
  });

  it('refuses to open the embedded database while the service holds it, and names the admin route instead', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lotse-cli-'));
    const url = `pglite:${join(dataDir, 'lotse')}`;
    const app = await bootTestApp(url, dataDir);
    let position: number;
    try {
      position = await someHistory(app);
      const refused = await projectionsCli(['rebuild'], { EVENT_STORE_URL: url, DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`the service is running on the embedded database in ${join(dataDir, 'lotse')}`);
      expect(refused.stderr).toContain('POST /admin/projections/<name>/rebuild');
    } finally {
      await app.close();
    }
    try {
      // Stopped, the directory is free: the CLI may rebuild it offline.
      const rebuilt = await projectionsCli(['rebuild', 'careers'], { EVENT_STORE_URL: url, DATA_DIR: dataDir });
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stderr).toMatch(/rebuilt careers: \d+ events/);
      const again = await bootTestApp(url, dataDir);
      try {
        expect(await caseload(again, position)).toHaveLength(3);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('waits STARTUP_TIMEOUT_MS for a PostgreSQL server that does not answer yet, saying so, then names the store', async () => {
    const started = Date.now();
    // Port 1 on loopback: nothing listens there, so every attempt is refused at once.
    const result = await projectionsCli(['status'], {
      EVENT_STORE_URL: 'postgres://root@127.0.0.1:1/lotse',
      STARTUP_TIMEOUT_MS: '1500',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'lotse-cli-')),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach .* yet .*trying again in \d+ ms/);
    expect(result.stderr).toContain('projections: cannot open the event store');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });
});
