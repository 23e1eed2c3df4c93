import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { generateSignerKey } from '@lotse/transparency';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { signTestToken } from '../src/auth/testing';
import { AppProcess, freePort } from './support/app-process';
import { participantBody } from './support/coach-api.scenarios';
import { TEST_SECRET } from './support/test-app';

const coach = `Bearer ${signTestToken({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' }, TEST_SECRET)}`;
const LEADING = 'leading: this process follows the log into the audit tree';

/**
 * Two instances of the service on one database, as on two machines, each with its projections on a
 * worker thread: exactly one thread follows the log into the audit tree (no request thread does),
 * the tree covers every event and gets signed, and when the leader's process dies the other takes over.
 */
describe('the audit tree followed once across instances (PostgreSQL)', () => {
  const schema = freshSchemaName('lotse_tree_lead');
  const apps: { app: AppProcess; base: string }[] = [];
  let sql: Client;

  const register = async (base: string) => {
    const res = await fetch(`${base}/participants`, {
      method: 'POST',
      headers: { authorization: coach, 'content-type': 'application/json' },
      body: JSON.stringify(participantBody),
    });
    expect(res.status).toBe(201);
  };
  const leaders = () => apps.filter(({ app }) => app.logLines.some((l) => l.msg === LEADING));
  /** Every event is a leaf, and a checkpoint signed by the one key covers them all. */
  const treeCoversTheLog = async () => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const { rows } = await sql.query<{ events: number; leaves: number; signed: number | null }>(
        `select (select count(*)::int from events) as events, (select count(*)::int from audit_leaves) as leaves,
                (select max(tree_size)::int from audit_checkpoints) as signed`,
      );
      if (rows[0].events > 0 && rows[0].leaves === rows[0].events && rows[0].signed === rows[0].events) return;
    }
    throw new Error('the tree did not cover the log with a signed checkpoint within 30 s');
  };

  beforeAll(async () => {
    const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    const shared = {
      EVENT_STORE_URL: url,
      JWT_SECRET: TEST_SECRET,
      LOTSE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOTSE_SIGNING_KEY: generateSignerKey('lotse.invalid/tree-lead-test'),
      AUDIT_CHECKPOINT_SECONDS: '1',
      WEB_CONCURRENCY: '1',
      PROJECTIONS: 'worker',
      RATE_LIMIT_WRITES: '0',
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      const app = AppProcess.start({ ...shared, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'lotse-tree-lead-')) });
      apps.push({ app, base: `http://127.0.0.1:${port}` });
    }
    await Promise.all(apps.map(({ app, base }) => app.waitForHealth(Number(new URL(base).port), 90_000)));
    sql = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await sql.connect();
  }, 150_000);

  afterAll(async () => {
    await sql?.end();
    for (const { app } of apps) {
      app.kill('SIGKILL');
      await app.exited;
    }
    await dropSchemas([schema]);
  });

  it('follows in one projection thread of the two, and the tree covers every event with a signed checkpoint', async () => {
    for (const { base } of apps) await register(base);
    await treeCoversTheLog();
    expect(leaders()).toHaveLength(1);
    const lines = apps.flatMap(({ app }) => app.logLines.filter((l) => l.msg === LEADING));
    expect(lines).toEqual([expect.objectContaining({ thread: 'projections' })]);
  }, 60_000);

  it('is taken over by the other instance when the leader’s process dies', async () => {
    const [leader] = leaders();
    const survivor = apps.find((a) => a !== leader)!;
    leader.app.kill('SIGKILL');
    await leader.app.exited;

    await survivor.app.waitForLog((l) => l.msg === LEADING && l.thread === 'projections', 30_000);
    await register(survivor.base);
    await register(survivor.base);
    await treeCoversTheLog();
  }, 60_000);
});
