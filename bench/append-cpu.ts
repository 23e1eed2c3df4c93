/**
 * CPU per append of the SQL event store on the PostgreSQL server: this process's and the server's
 * backends' (of this script's pool only), over a fixed number of case-step appends by concurrent
 * writers, and the events table's size per event afterwards. One round per run: alternate runs of
 * two versions to compare them on a machine whose load changes.
 *
 *   DATABASE_URL=… APPEND_CPU_APPENDS=20000 APPEND_CPU_WRITERS=16 node -r @swc-node/register bench/append-cpu.ts
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { cpuSecondsOf } from './process-cpu';
import { caseStepRecorded } from './sample-event';
import { openScratchStore } from './scratch';

const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const appends = Number(process.env.APPEND_CPU_APPENDS) || 20_000;
const writers = Number(process.env.APPEND_CPU_WRITERS) || 16;

/** The pool's backends: this database's connections named as openScratchStore names them, opened after `since`. */
const backends = async (admin: Client, since: Date): Promise<number[]> =>
  (
    await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and application_name = 'lotse-bench' and backend_start >= $1`,
      [since],
    )
  ).rows.map((r) => r.pid);

const main = async () => {
  const admin = new Client({ connectionString: databaseUrl, application_name: 'lotse-append-cpu-admin' });
  await admin.connect();
  const since = new Date(Date.now() - 1000);
  const { store, driver, cleanup } = await openScratchStore({ databaseUrl, prefix: 'lotse_append_cpu' });
  try {
    // Warm-up: connections, plans, the function's cache.
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        store.append(`pathway-warm-${w}`, [caseStepRecorded(randomUUID(), 0)], { expectedVersion: 'any' }),
      ),
    );
    const pids = await backends(admin, since);
    const before = cpuSecondsOf(pids);
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        const pathwayId = randomUUID();
        for (let n = 0; next < appends; n += 1) {
          next += 1;
          await store.append(`pathway-${pathwayId}`, [caseStepRecorded(pathwayId, n)], { expectedVersion: n === 0 ? 'no_stream' : n - 1 });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const after = cpuSecondsOf(await backends(admin, since));
    let postgres = 0;
    for (const [pid, s] of after) postgres += s - (before.get(pid) ?? 0);
    const [size] = await driver.query<{ bytes: string; n: string }>(
      "select pg_total_relation_size('events')::text as bytes, (select count(*) from events)::text as n",
    );
    process.stdout.write(
      `${appends} appends, ${writers} writers: ${Math.round(appends / seconds)} appends/s; ` +
        `CPU per append: PostgreSQL ${((postgres * 1e6) / appends).toFixed(1)} µs, this process ${((user + system) / appends).toFixed(1)} µs; ` +
        `events table with indexes ${(Number(size.bytes) / Number(size.n)).toFixed(0)} bytes per event\n`,
    );
  } finally {
    await cleanup();
    await admin.end();
  }
};

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
