import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FromAccessServer } from './access-server';
import { BenchConfig } from './config';
import { cpuSecondsOf } from './process-cpu';
import { dropSchema, scratchSchemaName } from './scratch';
import { formatMs, formatRate, renderTable } from './table';

/** Reads with the access log must keep at least this share of the reads without it. */
export const ACCESS_TARGET_RATIO = 0.9;
/** Rows per side, alternating without / with: single rows on a shared machine range widely, the mean of three less. */
const ROUNDS = Number(process.env.BENCH_ACCESS_ROUNDS || 3);

/** One timed row: reads per second, and the CPU the server process and its PostgreSQL backends spent per read. */
export interface AccessRow {
  rate: number;
  serverMsPerRead: number;
  /** Undefined where /proc cannot be read (not Linux, or a PostgreSQL server on another machine). */
  postgresMsPerRead?: number;
}

export interface AccessResult {
  without: AccessRow[];
  with: AccessRow[];
  where: string;
  error?: string;
}

/**
 * The backends of the bench's database, i.e. the measured server's connections (this machine is shared: other
 * databases' backends are other people's work). Their CPU comes from /proc, so only for a server on this machine.
 */
const backendPids = async (admin: Client): Promise<number[]> =>
  (
    await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = $1',
      ['client backend'],
    )
  ).rows.map((row) => row.pid);

/** CPU seconds the backends used from `before` to now: one born meanwhile counts from zero, one gone is left out. */
const postgresSecondsSince = (before: Map<number, number>, pids: readonly number[]): number | undefined => {
  const now = cpuSecondsOf(pids);
  if (before.size === 0 || now.size === 0) return undefined;
  let used = 0;
  for (const [pid, seconds] of now) used += seconds - (before.get(pid) ?? 0);
  return used;
};

/** How long the log stays on or off at a time within a round. */
const SEGMENT_MS = Number(process.env.BENCH_ACCESS_SEGMENT_MS || 500);

/** One side (log on or off) of a round, summed over its segments. */
interface Side {
  reads: number;
  seconds: number;
  serverMicros: number;
  postgresSeconds: number | undefined;
}

const emptySide = (): Side => ({ reads: 0, seconds: 0, serverMicros: 0, postgresSeconds: 0 });

const rowOf = (side: Side): AccessRow => {
  const reads = Math.max(side.reads, 1);
  return {
    rate: side.seconds > 0 ? side.reads / side.seconds : 0,
    serverMsPerRead: side.serverMicros / 1000 / reads,
    postgresMsPerRead: side.postgresSeconds === undefined ? undefined : (side.postgresSeconds * 1000) / reads,
  };
};

/** Reads before anything is timed, per side: by count, as a busy machine needs longer to compile the hot paths. */
const WARMUP_READS = Number(process.env.BENCH_ACCESS_WARMUP_READS || 2000);

const fire = (
  url: string,
  connections: number,
  length: { seconds: number } | { reads: number },
  token: string,
  ids: string[],
): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    let next = 0;
    autocannon(
      {
        url,
        connections,
        ...('seconds' in length ? { duration: length.seconds } : { amount: length.reads }),
        setupClient: (client) =>
          client.setRequests([{ method: 'GET', path: `/participants/${ids[next++ % ids.length]}`, headers: { authorization: token } }]),
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  });

/**
 * GET /participants/:id (a coach's read of a person, with names: the most frequent personal-data read) through the
 * real app on the PostgreSQL server, with the access log and without it in alternating rows of one run, same process,
 * same data, so the share is a same-run comparison.
 */
export const benchAccess = async (config: BenchConfig, registerCleanup: (fn: () => Promise<void>) => void): Promise<AccessResult> => {
  const schema = scratchSchemaName('lotse_bench_access');
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-bench-access-'));
  const url = `${config.databaseUrl}${config.databaseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(config.databaseUrl, schema);
  };
  registerCleanup(cleanup);
  const child = fork(join(__dirname, 'access-server.ts'), [], {
    execArgv: [
      '-r',
      '@swc-node/register',
      ...(process.env.BENCH_ACCESS_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_ACCESS_CPU_PROF}`] : []),
    ],
    env: {
      ...process.env,
      EVENT_STORE_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-secret-that-is-long-enough-000000',
      RATE_LIMIT_WRITES: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<FromAccessServer>((resolve) => child.once('message', resolve));
  /** Switches the log on or off, after the server wrote what it had buffered: its CPU µs so far, its reads since the last switch. */
  const switchTo = async (logging: boolean): Promise<{ cpuMicros: number; reads: number; at: number }> => {
    child.send({ logging });
    const answer = await next();
    if (answer.type !== 'switched') throw new Error(answer.type === 'failed' ? answer.message : 'unexpected message');
    return answer;
  };
  const result: AccessResult = { without: [], with: [], where: 'PostgreSQL server' };
  const admin = new Client({ connectionString: config.databaseUrl, application_name: 'lotse-bench' });
  try {
    await admin.connect();
    const ready = await next();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : 'unexpected message');
    const base = `http://127.0.0.1:${ready.port}`;
    // Both paths warmed up (compiled, pools filled) before anything is timed.
    for (const logging of [true, false]) {
      await switchTo(logging);
      await fire(base, config.httpConnections, { reads: WARMUP_READS }, ready.token, ready.participantIds);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      // One load for the round, the log switched on and off under it every SEGMENT_MS: a machine that gets busier or
      // quieter meanwhile weighs on both sides alike. Rounds start on alternate sides.
      const sides = { true: emptySide(), false: emptySide() };
      let logging = round % 2 === 1;
      let pids = await backendPids(admin);
      let mark = { ...(await switchTo(logging)), postgres: cpuSecondsOf(pids) };
      let running = true;
      const load = fire(base, config.httpConnections, { seconds: config.seconds * 2 }, ready.token, ready.participantIds).finally(() => {
        running = false;
      });
      while (running) {
        await Promise.race([load, new Promise((resolve) => setTimeout(resolve, SEGMENT_MS))]);
        const switched = await switchTo(running ? !logging : logging);
        pids = [...new Set([...pids, ...(await backendPids(admin))])];
        const side = sides[String(logging) as 'true' | 'false'];
        side.reads += switched.reads;
        side.seconds += (switched.at - mark.at) / 1000;
        side.serverMicros += switched.cpuMicros - mark.cpuMicros;
        const postgres = postgresSecondsSince(mark.postgres, pids);
        side.postgresSeconds = side.postgresSeconds === undefined || postgres === undefined ? undefined : side.postgresSeconds + postgres;
        mark = { ...switched, postgres: cpuSecondsOf(pids) };
        logging = !logging;
      }
      await load;
      result.with.push(rowOf(sides.true));
      result.without.push(rowOf(sides.false));
    }
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    await admin.end().catch(() => undefined);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await cleanup();
  }
  return result;
};

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
const meanOf = (rows: AccessRow[], figure: (row: AccessRow) => number | undefined): number | undefined => {
  const values = rows.map(figure);
  return values.every((v): v is number => v !== undefined) && values.length > 0 ? mean(values) : undefined;
};
const percent = (share: number | undefined) => (share === undefined || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(0)}%`);

export const accessReport = (config: BenchConfig, r: AccessResult): { text: string; misses: string[] } => {
  const without = mean(r.without.map((row) => row.rate));
  const withLog = mean(r.with.map((row) => row.rate));
  const ratio = without > 0 ? withLog / without : 0;
  const ok = ratio >= ACCESS_TARGET_RATIO;
  const cpu = (rows: AccessRow[]) => {
    const server = meanOf(rows, (row) => row.serverMsPerRead);
    const postgres = meanOf(rows, (row) => row.postgresMsPerRead);
    return { server, postgres, both: server !== undefined && postgres !== undefined ? server + postgres : undefined };
  };
  const cpuWithout = cpu(r.without);
  const cpuWith = cpu(r.with);
  // On a machine where the reads are CPU-bound, throughput goes as 1 / CPU per read: the share that load moves least.
  const cpuShare = cpuWithout.both !== undefined && cpuWith.both ? cpuWithout.both / cpuWith.both : undefined;
  const row = (label: string, rows: AccessRow[], c: ReturnType<typeof cpu>, share: string, target: string, verdict: string) => [
    label,
    formatRate(mean(rows.map((x) => x.rate))),
    rows.map((x) => formatRate(x.rate)).join(' / '),
    share,
    target,
    verdict,
    formatMs(c.server),
    formatMs(c.postgres),
    c === cpuWith ? percent(cpuShare) : '100%',
  ];
  const table = renderTable(
    [
      { header: `access log (${r.where})` },
      { header: 'reads/s', align: 'right' },
      { header: 'rounds', align: 'right' },
      { header: 'share', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'ok?' },
      { header: 'server CPU ms/read', align: 'right' },
      { header: 'PostgreSQL CPU ms/read', align: 'right' },
      { header: 'share by CPU', align: 'right' },
    ],
    [
      row('GET /participants/:id without the access log', r.without, cpuWithout, '100%', '', ''),
      row(
        'GET /participants/:id with the access log',
        r.with,
        cpuWith,
        percent(ratio),
        `≥ ${ACCESS_TARGET_RATIO * 100}%`,
        ok ? 'yes' : 'MISS',
      ),
    ],
  );
  const notes = [
    `note: the real app in a child process, autocannon with ${config.httpConnections} connections, a coach reading one of 50 participants`,
    `      with names. After ${WARMUP_READS} reads per side, ${ROUNDS} rounds (BENCH_ACCESS_ROUNDS) of ${config.seconds * 2} s of load each, the log`,
    `      switched on and off every ${SEGMENT_MS} ms under it, so both sides see the same machine; reads counted by the server, the`,
    '      mean of the rounds shown. The log buffers entries and writes them in batches, hash-chained. CPU per read: the server',
    "      process (its own count, including the writing of the side's entries) and the PostgreSQL backends of the bench's",
    '      database (from /proc, so only for a server on this machine); "share by CPU" = CPU per read without / with the log.',
    ...(r.error ? [`access: ERROR ${r.error}`] : []),
  ];
  return {
    text: [table, '', ...notes].join('\n'),
    misses: ok && !r.error ? [] : [`access: reads with the access log at ${(ratio * 100).toFixed(0)}% of without`],
  };
};
