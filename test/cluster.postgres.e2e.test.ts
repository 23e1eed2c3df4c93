import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { signTestToken } from '../src/auth/testing';
import { AppProcess, freePort } from './support/app-process';
import { participantBody, step } from './support/coach-api.scenarios';
import { TEST_SECRET } from './support/test-app';

const coach = (sub = 'coach-1') => `Bearer ${signTestToken({ sub, roles: ['coach'], municipality: 'neuss' }, TEST_SECRET)}`;
const pathwayBody = (participantId: string, overrides: Record<string, string> = {}) => ({
  participantId,
  kind: 'coaching',
  jurisdiction: 'state',
  provider: 'Diakonie',
  goal: 'Training place in logistics',
  plannedStart: '2026-01-01',
  plannedEnd: '2026-12-31',
  ...overrides,
});
const JURISDICTIONS = ['state', 'sgb3', 'sgb8', 'federal'];

/**
 * The production process model for real: WEB_CONCURRENCY=2 forks two HTTP processes, the
 * primary runs the projections on a worker thread (PROJECTIONS=worker). Connections are spread
 * over the processes, so every race below runs across processes, whose only common ground is
 * the store's optimistic concurrency.
 */
describe('a cluster of two HTTP processes with the projections on a worker thread (PostgreSQL)', () => {
  const schema = freshSchemaName('lotse_cluster');
  let app: AppProcess;
  let base: string;
  let sql: Client;

  const post = (path: string, body: object, token = coach()) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string, token = coach()) => fetch(`${base}${path}`, { headers: { authorization: token } });
  const register = async () => ((await (await post('/participants', participantBody)).json()) as { id: string }).id;
  const openPathway = async (participantId: string) =>
    (await (await post('/pathways', pathwayBody(participantId))).json()) as { id: string; version: number };
  /** Processes that answered requests to `path` so far, from the request lines of the log. */
  const servedBy = (path: string) =>
    new Set(app.logLines.filter((l) => (l.req as { url?: string } | undefined)?.url?.startsWith(path)).map((l) => l.pid));
  const httpPids = () => app.logLines.filter((l) => String(l.msg).startsWith('listening on port')).map((l) => Number(l.pid));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    app = AppProcess.start({
      PORT: String(port),
      EVENT_STORE_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'lotse-cluster-')),
      JWT_SECRET: TEST_SECRET,
      LOTSE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      WEB_CONCURRENCY: '2',
      PROJECTIONS: 'worker',
      RATE_LIMIT_WRITES: '0',
      LOG_LEVEL: 'info',
    });
    await app.waitForHealth(port, 90_000);
    await app.waitForLog((l) => String(l.msg).startsWith('2 HTTP processes'), 60_000);
    await waitUntil(() => httpPids().length >= 2, 60_000);
    sql = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await sql.connect();
  }, 150_000);

  afterAll(async () => {
    await sql?.end();
    if (app) {
      app.kill('SIGKILL');
      await app.exited;
      for (const pid of childPids(app.pid)) killQuietly(pid);
    }
    await dropSchemas([schema]);
  });

  it('runs the projections and the audit tree once, on the primary’s thread, and shows them running in /health of every process', async () => {
    expect(app.logLines.filter((l) => l.thread === 'projections' && String(l.msg).startsWith('running '))).toHaveLength(1);
    // No request thread follows the log into the audit tree, and the thread does, leading.
    const treeLeads = app.logLines.filter((l) => l.msg === 'leading: this process follows the log into the audit tree');
    expect(treeLeads.map((l) => l.thread)).toEqual(['projections']);
    const pids = new Set<unknown>();
    for (let i = 0; i < 12 && pids.size < 2; i += 1) {
      const res = await fetch(`${base}/health`, { headers: { connection: 'close' } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { info: { projections: Record<string, { state?: string }> } };
      expect(body.info.projections.case_steps.state).toBe('running');
      for (const pid of servedBy('/health')) pids.add(pid);
    }
    expect(pids.size).toBe(2);
  });

  it('records 50 concurrent case steps on one pathway through both processes: all 201, contiguous versions, each once in the read model', async () => {
    const opened = await openPathway(await register());
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, n) => {
        const res = await post(`/pathways/${opened.id}/case-steps`, step({ note: `step ${n}` }));
        return { status: res.status, body: (await res.json()) as { version: number; position: number } };
      }),
    );
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => opened.version + 1 + n));
    expect(servedBy(`/pathways/${opened.id}/case-steps`).size).toBe(2);

    const last = Math.max(...answers.map((a) => a.body.position));
    const timeline = (await (await get(`/pathways/${opened.id}?minPosition=${last}`)).json()) as { caseSteps: { note: string }[] };
    expect(timeline.caseSteps.map((s) => s.note).sort()).toEqual(Array.from({ length: 50 }, (_, n) => `step ${n}`).sort());
    const rows = await sql
      .query(`select count(*)::int as n from rm_case_steps where doc ->> 'pathwayId' = $1`, [opened.id])
      .catch(() => undefined);
    if (rows) expect(rows.rows[0].n).toBe(50);
    const caseload = (await (await get(`/pathways?coach=me&minPosition=${last}&pageSize=100`)).json()) as {
      items: { id: string; caseStepCount: number }[];
    };
    expect(caseload.items.find((i) => i.id === opened.id)?.caseStepCount).toBe(50);
  });

  it('lets exactly one of 20 concurrent overlapping pathways for one person through, across the processes', async () => {
    const participantId = await register();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const res = await post(
          '/pathways',
          pathwayBody(participantId, { jurisdiction: JURISDICTIONS[n % 4], plannedStart: `2026-01-${String(1 + n).padStart(2, '0')}` }),
          coach(`coach-${n}`),
        );
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'duplicate_pathway')).toHaveLength(19);
    expect(servedBy('/pathways').size).toBe(2);
    const opened = await sql.query(
      `select count(*)::int as n from events_json where type = 'PathwayOpened' and data ->> 'participantId' = $1`,
      [participantId],
    );
    expect(opened.rows[0].n).toBe(1);
  });

  it('loses nothing acknowledged when an HTTP process is killed with SIGKILL under write load, and starts another', async () => {
    const pathways = await Promise.all(Array.from({ length: 6 }, async () => (await openPathway(await register())).id));
    const acknowledged = new Map<string, string[]>(pathways.map((id) => [id, []]));
    let positions = 0;
    let writing = true;
    const writers = pathways.map(async (id) => {
      for (let n = 0; writing; n += 1) {
        const note = `${id} ${n}`;
        // A request cut off with its process has no answer; only answered ones count.
        const res = await post(`/pathways/${id}/case-steps`, step({ note })).catch(() => undefined);
        if (res?.status === 201) {
          acknowledged.get(id)!.push(note);
          positions = Math.max(positions, ((await res.json()) as { position: number }).position);
        } else await res?.text();
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [victim] = httpPids();
    process.kill(victim, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    writing = false;
    await Promise.all(writers);

    await app.waitForLog((l) => String(l.msg).includes(`HTTP process ${victim} ended (SIGKILL)`));
    await waitUntil(() => httpPids().filter((pid) => pid !== victim).length >= 2, 60_000);
    for (const id of pathways) {
      const timeline = (await (await get(`/pathways/${id}?minPosition=${positions}`)).json()) as {
        caseSteps: { note: string }[];
        version: number;
      };
      const notes = timeline.caseSteps.map((s) => s.note);
      for (const note of acknowledged.get(id)!) expect(notes).toContain(note);
      // Exactly once: the read model holds as many steps as the stream has events after the opening.
      expect(notes).toHaveLength(new Set(notes).size);
      const stream = await sql.query(`select stream_version::int as v from events where stream_id = $1 order by stream_version`, [
        `pathway-${id}`,
      ]);
      expect(stream.rows.map((r) => r.v)).toEqual(Array.from({ length: stream.rows.length }, (_, v) => v));
      expect(notes.length).toBe(timeline.version);
    }
    expect([...acknowledged.values()].flat().length).toBeGreaterThan(20);
  }, 120_000);

  it('on SIGTERM stops every process and the projection thread and exits 0', async () => {
    const children = childPids(app.pid);
    expect(children.length).toBeGreaterThanOrEqual(2);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(childPids(app.pid)).toEqual([]);
    expect(app.logLines.filter((l) => l.msg === 'stopped').length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

const waitUntil = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const childPids = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
};

const killQuietly = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
};
