import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, freePort } from './support/app-process';
import { coach, participantBody, step } from './support/coach-api.scenarios';
import { PrivatePostgres, privatePostgresMissing } from './support/private-postgres';
import { TEST_SECRET } from './support/test-app';

const missing = privatePostgresMissing();
if (missing) process.stdout.write(`database fault tests SKIPPED: ${missing}\n`);
const describeWithCluster = missing ? describe.skip : describe;

const WRITERS = 8;
/** Bounds the load whatever happens: no writer sends more than this. */
const MAX_REQUESTS_PER_WRITER = 2_000;

interface Answer {
  status: number;
  retryAfter: string | null;
  pathwayId: string;
  version?: number;
  position?: number;
  at: number;
}

/**
 * PostgreSQL going away under the running service: restarted, then stopped for a few seconds.
 * The service must live through it, answer 503 with Retry-After while the database is away, and
 * lose nothing it acknowledged. Runs on a private cluster, never on the shared server.
 */
describeWithCluster('the service while PostgreSQL restarts and stops', () => {
  let cluster: PrivatePostgres;
  let dataDir: string;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    cluster = await PrivatePostgres.create();
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-faults-'));
  });
  afterEach(async () => {
    if (app && !(await Promise.race([app.exited.then(() => true), sleep(0).then(() => false)]))) {
      app.kill('SIGTERM');
      await app.exited;
    }
    app = undefined;
  });
  afterAll(() => {
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startApp = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    app = AppProcess.start({
      EVENT_STORE_URL: cluster.url(),
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_SECRET,
      // Eight writers of one coach send more than the per-subject write limit allows in a window; the test is about the database.
      LOG_LEVEL: 'warn',
      RATE_LIMIT_WRITES: '0',
      ...env,
    });
    return { app, base: `http://127.0.0.1:${port}` };
  };

  it('gives up after STARTUP_TIMEOUT_MS with the one-line error when PostgreSQL does not come up', async () => {
    const began = Date.now();
    const { app } = await startApp({ STARTUP_TIMEOUT_MS: '1500' });
    const { code } = await app.exited;
    expect(code).toBe(1);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_500);
    expect(app.stderr.split('\n').filter(Boolean)).toEqual([
      `startup failed: cannot open the event store (postgres postgres://root@127.0.0.1:${cluster.port}/postgres schema lotse): connect ECONNREFUSED 127.0.0.1:${cluster.port}`,
    ]);
  }, 120_000);

  it('starts once PostgreSQL comes up within STARTUP_TIMEOUT_MS', async () => {
    const { app, base } = await startApp({ STARTUP_TIMEOUT_MS: '60000' });
    await sleep(2_000);
    const exitedEarly = await Promise.race([app.exited.then(() => true), sleep(0).then(() => false)]);
    expect(exitedEarly).toBe(false);
    cluster.start();
    await app.waitForHealth(Number(new URL(base).port), 60_000);
  }, 120_000);

  it('lives through a restart and a stop under write load: 2xx or 503 with Retry-After, nothing acknowledged lost', async () => {
    if (!cluster.running()) cluster.start();
    const { app, base } = await startApp();
    await app.waitForHealth(Number(new URL(base).port), 60_000);
    const post = (path: string, body: object) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: coach, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const health = async () => (await fetch(`${base}/health`)).status;

    const pathwayIds: string[] = [];
    for (let n = 0; n < WRITERS; n += 1) {
      const registered = (await (await post('/participants', { ...participantBody, familyName: `Haddad ${n}` })).json()) as { id: string };
      const opened = await post('/pathways', {
        participantId: registered.id,
        kind: 'language_support',
        jurisdiction: 'state',
        provider: 'VHS Neuss',
        goal: 'Reach B1',
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
      });
      expect(opened.status).toBe(201);
      pathwayIds.push(((await opened.json()) as { id: string }).id);
    }

    const answers: Answer[] = [];
    const transportErrors: string[] = [];
    let loading = true;
    const writer = async (pathwayId: string) => {
      for (let sent = 0; loading && sent < MAX_REQUESTS_PER_WRITER; sent += 1) {
        try {
          const res = await post(`/pathways/${pathwayId}/case-steps`, step({ note: `step ${sent}` }));
          const body = (await res.json()) as { version?: number; position?: number };
          answers.push({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            pathwayId,
            version: body.version,
            position: body.position,
            at: Date.now(),
          });
          if (res.status >= 300) await sleep(100);
        } catch (error) {
          transportErrors.push((error as Error).message);
          await sleep(100);
        }
      }
    };
    const load = Promise.all(pathwayIds.map(writer));

    await sleep(1_500);
    cluster.restart();
    await app.waitForHealth(Number(new URL(base).port), 30_000);
    await sleep(1_500);

    cluster.stop();
    const whileDown: number[] = [];
    for (const until = Date.now() + 3_000; Date.now() < until; await sleep(250)) whileDown.push(await health());
    const startedAgain = Date.now();
    cluster.start();
    await app.waitForHealth(Number(new URL(base).port), 30_000);
    await sleep(1_500);
    loading = false;
    await load;

    expect(await Promise.race([app.exited.then(() => 'exited'), sleep(0).then(() => 'alive')])).toBe('alive');
    expect(transportErrors).toEqual([]);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(new Set(whileDown)).toEqual(new Set([503]));
    expect(await health()).toBe(200);

    const unexpected = answers.filter((a) => !(a.status >= 200 && a.status < 300) && a.status !== 503);
    expect(unexpected).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((a) => !a.retryAfter)).toEqual([]);
    const acknowledged = answers.filter((a) => a.status === 201 || a.status === 200);
    expect(acknowledged.filter((a) => a.at > startedAgain).length).toBeGreaterThan(0);

    // Every acknowledged case step is in the log, in its pathway's stream at the version it was answered with.
    const sql = new Client({ connectionString: cluster.url().split('?')[0] });
    await sql.connect();
    try {
      const { rows } = await sql.query<{ position: string; pathway_id: string; version: string }>(
        `select global_position::text as position, data->>'pathwayId' as pathway_id, stream_version::text as version
           from lotse.events_json where type = 'CaseStepRecorded'`,
      );
      const stored = new Map(rows.map((r) => [Number(r.position), r]));
      const lost = acknowledged.filter((a) => {
        const row = stored.get(a.position!);
        return row?.pathway_id !== a.pathwayId || Number(row.version) !== a.version;
      });
      expect(lost).toEqual([]);

      // The projections caught up (a runner backing off asks again within 5 s): each pathway's
      // timeline holds exactly the steps its stream holds.
      const last = Math.max(...rows.map((r) => Number(r.position)));
      for (const pathwayId of pathwayIds) {
        const read = () => fetch(`${base}/pathways/${pathwayId}?minPosition=${last}`, { headers: { authorization: coach } });
        let res = await read();
        for (const until = Date.now() + 20_000; res.status === 503 && Date.now() < until;) res = await read();
        expect(res.status).toBe(200);
        const pathway = (await res.json()) as { caseSteps: unknown[] };
        expect(pathway.caseSteps).toHaveLength(rows.filter((r) => r.pathway_id === pathwayId).length);
      }
    } finally {
      await sql.end();
    }

    // Each runner leads again (its advisory lock re-taken on a new session) and nothing is left behind.
    const projections = async () =>
      (
        (await (await fetch(`${base}/health`)).json()) as {
          info: { projections: Record<string, { state?: string; behindEvents?: number }> };
        }
      ).info.projections;
    let states = await projections();
    const settled = () =>
      Object.entries(states)
        .filter(([name]) => name !== 'status')
        .every(([, p]) => p.state === 'running' && p.behindEvents === 0);
    for (const until = Date.now() + 20_000; !settled() && Date.now() < until; await sleep(250)) states = await projections();
    expect(Object.keys(states)).toEqual(expect.arrayContaining(['pathways', 'case_steps', 'careers']));
    expect(settled()).toBe(true);
  }, 240_000);
});
