/**
 * This process's CPU per case step, the whole app in one process with the projections inline, fed
 * through Fastify's `inject` (no sockets, no autocannon beside it): the figure that says whether a
 * change to the request path or the projections made a step cheaper. A machine shared with other
 * work moves wall times a lot and CPU per step little; alternate runs of two versions to compare.
 *
 *   DATABASE_URL=… STEP_CPU_STEPS=4000 STEP_CPU_ROUNDS=5 node -r @swc-node/register bench/case-step-cpu.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTestToken } from '../src/auth/testing';
import { loadConfig } from '../src/config';
import { createApp, startApp } from '../src/create-app';
import { dropSchema, scratchSchemaName } from './scratch';

const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const steps = Number(process.env.STEP_CPU_STEPS) || 4000;
const rounds = Number(process.env.STEP_CPU_ROUNDS) || 5;
const pathways = Number(process.env.STEP_CPU_PATHWAYS) || 200;
const inFlight = Number(process.env.STEP_CPU_IN_FLIGHT) || 32;
const JWT_SECRET = 'lotse-bench-step-cpu-secret-long-enough-for-hs256';
const DAY_MS = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

const inspect = () => {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as Record<string, unknown>))),
    );
  return { session, post };
};

/** A V8 CPU profile of one round, the set-up and warm-up left out. */
const profileCpu = async (file: string, work: () => Promise<unknown>) => {
  const { session, post } = inspect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  await work();
  const { profile } = await post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
};

/** Where a round's allocations come from, the short-lived ones too (V8's sampling heap profiler). */
const sampleAllocations = async (file: string, work: () => Promise<unknown>) => {
  const { session, post } = inspect();
  await post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await work();
  const { profile } = await post('HeapProfiler.stopSampling');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
};

const main = async () => {
  const schema = scratchSchemaName('lotse_step_cpu');
  const url = new URL(databaseUrl);
  url.searchParams.set('schema', schema);
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-step-cpu-'));
  const config = loadConfig({
    EVENT_STORE_URL: url.toString(),
    DATA_DIR: dataDir,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_WRITES: '0',
    WEB_CONCURRENCY: '1',
    PROJECTIONS: 'inline',
  });
  const app = await startApp(await createApp(config));
  const fastify = app.getHttpAdapter().getInstance();
  const authorization = `Bearer ${signTestToken({ sub: 'coach-bench', roles: ['coach'], municipality: 'neuss' }, JWT_SECRET, { expiresIn: '2h' })}`;
  const post = async (url: string, body: object) => {
    const res = await fetch(url, body);
    if (res.statusCode !== 201) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body.slice(0, 240)}`);
    return JSON.parse(res.body) as { id: string };
  };
  const fetch = (url: string, body: object) =>
    fastify.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', authorization }, payload: JSON.stringify(body) });
  try {
    // Eight at a time: set-up only, its time is not measured.
    const open = async (i: number) => {
      const participant = await post('/participants', {
        // No two alike: the duplicate detection would pair them all, in the background of the rounds.
        givenName: 'Amina',
        familyName: `Step-${i}`,
        birthDate: new Date(Date.UTC(1999, 0, 1 + 13 * i)).toISOString().slice(0, 10),
        municipality: 'neuss',
        residenceStatus: 'gestattung',
        entitlements: [{ jurisdiction: 'asylblg', from: isoDay(-400) }],
      });
      const pathway = await post('/pathways', {
        participantId: participant.id,
        kind: 'language_support',
        jurisdiction: 'state',
        provider: 'VHS Neuss',
        goal: 'Reach B1',
        plannedStart: isoDay(-365),
        plannedEnd: isoDay(365),
      });
      return pathway.id;
    };
    const ids: string[] = [];
    for (let i = 0; i < pathways; i += 8)
      ids.push(...(await Promise.all(Array.from({ length: Math.min(8, pathways - i) }, (_, j) => open(i + j)))));
    const step = { kind: 'counselling', occurredAt: new Date(Date.now() - DAY_MS).toISOString(), note: 'short note', durationMinutes: 30 };
    let sent = 0;
    // `inFlight` lanes, lane i always on pathway i mod n, as the HTTP bench's connections.
    const run = (count: number) => {
      sent = 0;
      return Promise.all(
        Array.from({ length: inFlight }, async (_, lane) => {
          while (sent < count) {
            sent += 1;
            await post(`/pathways/${ids[lane % ids.length]}/case-steps`, step);
          }
        }),
      );
    };
    // Warm-up: the JIT, the pool's connections, every stream's snapshot.
    await run(2 * steps);
    if (process.env.STEP_CPU_HEAP_PROF) await sampleAllocations(process.env.STEP_CPU_HEAP_PROF, () => run(steps));
    if (process.env.STEP_CPU_CPU_PROF) await profileCpu(process.env.STEP_CPU_CPU_PROF, () => run(steps));
    const perStep: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const before = process.cpuUsage();
      await run(steps);
      const { user, system } = process.cpuUsage(before);
      perStep.push((user + system) / steps);
    }
    const sorted = [...perStep].sort((a, b) => a - b);
    process.stdout.write(
      `case-step CPU µs/step (${rounds} rounds of ${steps}, ${inFlight} in flight, ${pathways} pathways): ` +
        `${perStep.map((v) => v.toFixed(0)).join(' / ')}; median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}\n`,
    );
  } finally {
    await app.close();
    await dropSchema(databaseUrl, schema);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
