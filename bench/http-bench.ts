/**
 * The coach API under load: case steps recorded per second through HTTP, next to a route that
 * does nothing, both measured the same way in the same run, and pathways opened, without and with
 * a place in an offer (the guard's ledger alone, or the ledger and the offer's stream). The server is the real app
 * (`createApp`) on the PostgreSQL server, in a child process (`http-server.ts`); autocannon runs
 * here, so the server's RSS and event loop are its own.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signTestToken } from '../src/auth/testing';
import { HTTP_PROCESS_NODE_FLAGS } from '../src/lifecycle/http-process-flags';
import { compileServer } from './compile-server';
import type { BenchConfig } from './config';
import type { FromServer, ToServer } from './http-server';
import type { PauseFigures } from './pauses';
import type { TimeSplit } from './server-time-split';
import { PgbenchResult, runPgbenchBaseline } from './pgbench-baseline';
import { cpuPercent, meterCpu } from './process-cpu';
import { OPENING_KINDS, OpeningKind, OpeningSlots, openingLoad } from './opening-load';
import { LagFigures, lagProbe } from './projection-lag';
import { dropSchema, once, scratchSchemaName, withAdmin } from './scratch';

export interface HttpRow {
  label: string;
  /** Pathways the case steps went to; undefined for the no-op route. */
  pathways?: number;
  successes: number;
  non2xx: number;
  /** Status codes other than 2xx, e.g. `409×3`. */
  failures: string;
  /** Connection errors and timeouts. */
  errors: number;
  /** 2xx answers per second of the timed phase. */
  rate: number;
  p50: number;
  p99: number;
  /** autocannon's mean latency, in ms: set beside the server's own time per answer (`split`). */
  mean: number;
  peakRssMb: number;
  afterRssMb: number;
  /** CPU in % of one core during the timed phase: the server, this process (autocannon), PostgreSQL (when local), the machine in all. */
  serverCpu: number;
  benchCpu: number;
  postgresCpu?: number;
  machineCpu: number;
  /** Events in each case-step pathway after the row (warm-up included): a process that has not written the stream before replays this many once. */
  eventsPerPathway?: number;
  /** Pathways of each opening participant after an opening row (warm-ups included): the history the guard reads. */
  pathwaysPerParticipant?: number;
  /** Each process of the server (several with WEB_CONCURRENCY > 1): peak RSS in MB and CPU in % of one core over the timed phase. */
  processes?: { role: string; pid: number; peakRssMb: number; cpu: number; pauses?: PauseFigures; split?: TimeSplit }[];
  /** Event-loop stalls and GC pauses of the HTTP process(es) over the timed phase: what held the requests besides their own work. */
  pauses?: PauseFigures;
  /** The one HTTP process's own time per answer, split (with several processes, each has its own in `processes`). */
  split?: TimeSplit;
  /** The pathways projection's lag over the timed phase of a case-step row. */
  lag?: LagFigures;
  lagError?: string;
}

export interface HttpResult {
  where: string;
  /** How the server ran: precompiled JavaScript, or (if that failed) TypeScript through @swc-node/register. */
  runtime: string;
  connections: number;
  idleRssMb?: number;
  /** pgbench's one-row inserts with 16 clients on the same server, just before the server started: the ceiling the case steps are set against. */
  pgbench?: PgbenchResult & { postgresCpu?: number; seconds: number };
  /** Participants the opening rows go round. */
  openers?: number;
  rows: HttpRow[];
  error?: string;
}

const JWT_SECRET = 'lotse-bench-http-secret-long-enough-for-hs256';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 30_000;
const MB = 2 ** 20;
const DAY_MS = 86_400_000;

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

/** A day in the past, as the case steps' `occurredAt` and the pathways' start need it. */
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

type Stats = Extract<FromServer, { type: 'stats' }>;
type Profiled = Extract<FromServer, { type: 'profiled' }>;

/**
 * The measured server: forked at once, configured through its environment, asked for its stats
 * over IPC. `stop` works in every state, so Ctrl-C during start-up leaves nothing behind.
 */
class ServerProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  /** Answers come back in the order the questions went out; a dead server fails them all. */
  private readonly pending: { type: 'stats' | 'profiled'; resolve: (message: Stats & Profiled) => void; reject: (error: Error) => void }[] =
    [];
  /** The last lines the server wrote, for the error when it dies. */
  private readonly tail: string[] = [];
  private port = 0;

  constructor(entry: { file: string; execArgv: string[] }, env: NodeJS.ProcessEnv) {
    this.child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // Its log lines (warnings and worse by default) go with the progress to stderr, never into the report.
    const keep = (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.tail.push(...chunk.toString().split('\n').filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - 10));
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        const error = new Error(`the server exited (${signal ?? code})${this.tail.length ? `: ${this.tail.slice(-3).join(' | ')}` : ''}`);
        for (const p of this.pending.splice(0)) p.reject(error);
        resolve();
      }),
    );
    this.child.on('message', (message: FromServer) => {
      if (message.type === 'ready' || message.type === 'failed') return;
      const index = this.pending.findIndex((p) => p.type === message.type);
      if (index >= 0) this.pending.splice(index, 1)[0].resolve(message as Stats & Profiled);
    });
  }

  /** Resolves once the server listens, with its base URL. */
  ready(): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      this.child.on('message', (message: FromServer) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          this.port = message.port;
          resolve(this.url);
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`the server did not start: ${message.message.split('\n').slice(0, 3).join(' ')}`));
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited before it listened${this.tail.length ? `: ${this.tail.slice(-3).join(' | ')}` : ''}`));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private ask<T extends Stats | Profiled>(type: T['type'], message: ToServer): Promise<T> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error('the server is gone'));
      this.pending.push({ type, resolve, reject });
      this.child.send(message);
    });
  }

  /** RSS now, peak RSS since the last reset, CPU time so far, requests in flight, pauses; `resetPeak`/`resetPauses` start anew after answering. */
  stats(resetPeak = false, resetPauses = false): Promise<Stats> {
    return this.ask<Stats>('stats', { type: 'stats', resetPeak, resetPauses });
  }

  /** Starts the server's CPU profiler, or stops it and has it write the profile to `file`. */
  async profile(action: 'start' | 'stop', file = ''): Promise<void> {
    const answer = await this.ask<Profiled>(
      'profiled',
      action === 'start' ? { type: 'profile', action } : { type: 'profile', action, file },
    );
    if (answer.error) throw new Error(`CPU profile: ${answer.error}`);
  }

  /** SIGTERM (the server waits for its requests, closes the app: pools, connections), SIGKILL if that takes too long. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Participants that openings go to, per connection: 16 × 32 = 512, so a 5 s row at ~600/s gives each about 2 pathways per row. */
const OPENERS_PER_CONNECTION = 16;
/** Setup requests in flight at once. */
const SETUP_CONCURRENCY = 8;

/** `fn(0…count-1)`, at most SETUP_CONCURRENCY at a time, results in order. */
const inParallel = async <T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, count) }, worker));
  return results;
};

const GIVEN_NAMES = ['Amira', 'Yusuf', 'Leyla', 'Karim', 'Nour', 'Samir', 'Dilan', 'Tariq', 'Hana', 'Omid', 'Rania', 'Jamal'];
const FAMILY_NAMES = ['Haddad', 'Karimi', 'Okafor', 'Nowak', 'Petrova', 'Rahimi', 'Mensah', 'Yilmaz', 'Berisha', 'Tesfaye'];

/** Participant `i`: a name and birth date of its own, so no duplicate check takes two for one person. */
const participantBody = (i: number) => ({
  givenName: GIVEN_NAMES[i % GIVEN_NAMES.length],
  familyName: `${FAMILY_NAMES[Math.floor(i / GIVEN_NAMES.length) % FAMILY_NAMES.length]}${i >= GIVEN_NAMES.length * FAMILY_NAMES.length ? `-${i}` : ''}`,
  birthDate: `${2000 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(2 + (i % 27)).padStart(2, '0')}`,
  municipality: 'neuss',
  residenceStatus: 'gestattung',
  entitlements: [{ jurisdiction: 'asylblg', from: isoDay(-400) }],
});

/** The JSON API, for the untimed setup: one participant and its pathways. */
const api = async (base: string, auth: string, path: string, body: object): Promise<{ id: string }> => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`setup: POST ${path} answered ${res.status}: ${text.slice(0, 240)}`);
  return JSON.parse(text) as { id: string };
};

interface Load {
  /** The request each connection sends over and over (connection `i` of `connections`). */
  requestFor: (connection: number) => autocannon.Request;
}

/** The autocannon run in flight, so Ctrl-C can stop it. */
let running: autocannon.Instance | undefined;

const fire = (url: string, connections: number, seconds: number, load: Load): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    let next = 0;
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        setupClient: (client) => client.setRequests([load.requestFor(next++)]),
      },
      (error, result) => {
        running = undefined;
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
    running = instance;
  });

/** Busy share of all cores since `from`, in % of one core (2 cores fully busy = 200 %). */
const machineBusy = () =>
  cpus().reduce(
    (acc, c) => {
      const t = c.times;
      acc.busy += t.user + t.nice + t.sys + t.irq;
      acc.total += t.user + t.nice + t.sys + t.irq + t.idle;
      return acc;
    },
    { busy: 0, total: 0 },
  );

/** Waits until the handlers of the last load have answered, so one row's backlog is not timed in the next. */
const settle = async (server: ServerProcess) => {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while ((await server.stats()).inFlight > 0) {
    if (Date.now() > deadline)
      throw new Error(`the server still had requests in flight ${SETTLE_TIMEOUT_MS / 1000} s after the load ended`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const measure = async (
  server: ServerProcess,
  config: BenchConfig,
  label: string,
  load: Load,
  pathways?: number,
): Promise<HttpRow & { warmupSuccesses: number }> => {
  await settle(server);
  await server.stats(true);
  let warmupSuccesses = 0;
  if (config.httpWarmup > 0) {
    const warm = await fire(server.url, config.httpConnections, config.httpWarmup, load);
    warmupSuccesses = warm['2xx'];
    await settle(server);
  }
  // Case steps are CaseStepRecorded events, which the pathways projection applies while the load runs.
  const lag = pathways !== undefined ? lagProbe(server.url, SETTLE_TIMEOUT_MS) : undefined;
  const lagError = await lag?.start().then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (config.httpCpuProf) await server.profile('start');
  const before = await server.stats(false, true);
  const benchCpu = process.cpuUsage();
  const machine = machineBusy();
  const meter = meterCpu(server.pid);
  const result = await fire(server.url, config.httpConnections, config.seconds, load);
  const benchUsed = process.cpuUsage(benchCpu);
  const machineAfter = machineBusy();
  const cpu = meter.stop();
  const statsAfter = await server.stats();
  const ownCpuAfter = statsAfter.cpuMicros;
  const lagFigures = lag && !lagError ? await lag.stop().catch((error: Error) => error.message) : lagError;
  if (config.httpCpuProf) {
    mkdirSync(config.httpCpuProf, { recursive: true });
    const file = join(config.httpCpuProf, `${label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cpuprofile`);
    await server.profile('stop', file);
    log(`CPU profile of the server: ${file}`);
  }
  // The backlog the dropped connections left behind counts for memory, not for CPU.
  await settle(server);
  const after = await server.stats();
  const elapsed = result.duration;
  const failures = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(', ');
  const cores = cpus().length;
  return {
    label,
    pathways,
    successes: result['2xx'],
    non2xx: result.non2xx,
    failures,
    errors: result.errors,
    rate: elapsed > 0 ? result['2xx'] / elapsed : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    peakRssMb: after.peakRss / MB,
    afterRssMb: after.rss / MB,
    // The whole process tree where /proc tells it (cluster workers too), else the server's own.
    serverCpu: cpuPercent(cpu.server, elapsed) ?? ((ownCpuAfter - before.cpuMicros) / 1e6 / elapsed) * 100,
    benchCpu: ((benchUsed.user + benchUsed.system) / 1e6 / elapsed) * 100,
    postgresCpu: cpuPercent(cpu.postgres, elapsed),
    machineCpu: ((machineAfter.busy - machine.busy) / Math.max(1, machineAfter.total - machine.total)) * 100 * cores,
    warmupSuccesses,
    pauses: statsAfter.pauses,
    split: statsAfter.split,
    processes: after.processes?.map((p) => ({
      role: p.role,
      pid: p.pid,
      pauses: statsAfter.processes?.find((q) => q.pid === p.pid)?.pauses,
      split: statsAfter.processes?.find((q) => q.pid === p.pid)?.split,
      peakRssMb: p.peakRss / MB,
      cpu:
        (((statsAfter.processes?.find((q) => q.pid === p.pid)?.cpuMicros ?? p.cpuMicros) -
          (before.processes?.find((q) => q.pid === p.pid)?.cpuMicros ?? 0)) /
          1e6 /
          elapsed) *
        100,
    })),
    ...(typeof lagFigures === 'string' ? { lagError: lagFigures } : { lag: lagFigures }),
  };
};

/** The ceiling of the comparison: issue 14 sets case steps against pgbench's insert rate with this many clients. */
export const PGBENCH_CLIENTS = 16;

/** pgbench with PGBENCH_CLIENTS clients, and PostgreSQL's CPU meanwhile (setup and teardown of its scratch table included). */
const pgbenchBeside = async (
  config: BenchConfig,
  registerCleanup: (fn: () => Promise<void>) => void,
): Promise<NonNullable<HttpResult['pgbench']>> => {
  const meter = meterCpu();
  const started = process.hrtime.bigint();
  const [run] = await runPgbenchBaseline(
    {
      databaseUrl: config.databaseUrl,
      binary: config.pgbench,
      mode: config.pgbenchMode,
      seconds: config.pgbenchSeconds,
      clients: [PGBENCH_CLIENTS],
      cores: cpus().length,
    },
    registerCleanup,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...run, seconds, postgresCpu: cpuPercent(meter.stop().postgres, seconds) };
};

/**
 * Writes out what earlier sections left dirty in shared buffers, so the server's checkpointer does
 * not do it in the middle of a timed row. Needs superuser rights (or pg_checkpoint); without, skipped.
 */
const checkpoint = (databaseUrl: string) =>
  withAdmin(databaseUrl, async (admin) => {
    await admin.query('checkpoint');
  })
    // Not allowed or not reachable: the rows run anyway, a little noisier.
    .catch(() => undefined);

export const benchHttp = async (config: BenchConfig, registerCleanup: (fn: () => Promise<void>) => void): Promise<HttpResult> => {
  const schema = scratchSchemaName('lotse_bench_http');
  const eventStoreUrl = new URL(config.databaseUrl);
  eventStoreUrl.searchParams.set('schema', schema);
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-bench-http-'));
  // Inside the repository, so that the compiled server finds node_modules.
  const cacheDir = join(__dirname, '..', 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const buildDir = mkdtempSync(join(cacheDir, 'lotse-bench-http-'));
  const result: HttpResult = { where: `schema ${schema}`, runtime: '', connections: config.httpConnections, rows: [] };
  let server: ServerProcess | undefined;

  const cleanup = once(async () => {
    running?.stop();
    await server?.stop().catch(() => undefined);
    try {
      await dropSchema(config.databaseUrl, schema);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(buildDir, { recursive: true, force: true });
      try {
        rmdirSync(cacheDir);
      } catch {
        /* not empty: other tools keep their caches there too */
      }
    }
  });
  registerCleanup(cleanup);

  try {
    let entry: { file: string; execArgv: string[] };
    try {
      entry = { file: compileServer(buildDir), execArgv: [...HTTP_PROCESS_NODE_FLAGS] };
      result.runtime = 'precompiled JavaScript (swc, the settings of @swc-node/register)';
    } catch (error) {
      log(`http: could not precompile the server (${(error as Error).message}); running it through @swc-node/register`);
      entry = { file: join(__dirname, 'http-server.ts'), execArgv: [...HTTP_PROCESS_NODE_FLAGS, '-r', '@swc-node/register'] };
      result.runtime = 'TypeScript through -r @swc-node/register (precompiling failed): its RSS includes the compiler, ~110 MB';
    }
    result.runtime += ` with ${HTTP_PROCESS_NODE_FLAGS.join(' ')} (as npm start and the image start it)`;
    log(`http: pgbench baseline, ${PGBENCH_CLIENTS} clients, ${config.pgbenchSeconds} s`);
    result.pgbench = await pgbenchBeside(config, registerCleanup);
    log(`http: starting the server (schema ${schema})`);
    server = new ServerProcess(entry, {
      ...process.env,
      EVENT_STORE_URL: eventStoreUrl.toString(),
      DATA_DIR: dataDir,
      JWT_SECRET,
      LOG_LEVEL: config.httpLogLevel,
      // Unset (empty counts as unset): a master key is generated in DATA_DIR, HS256 tokens are accepted.
      PORT: '',
      LOTSE_MASTER_KEY: '',
      JWT_JWKS_URL: '',
      JWT_ISSUER: '',
      JWT_AUDIENCE: '',
      // One bench coach sends thousands of case steps a second, far beyond any person's pace: off,
      // or a limit high enough never to refuse, to see what counting costs.
      RATE_LIMIT_WRITES: String(config.httpWriteLimit),
      WEB_CONCURRENCY: config.httpWebConcurrency,
      PROJECTIONS: config.httpProjections,
    });
    const base = await server.ready();
    const started = server;

    const auth = `Bearer ${signTestToken({ sub: 'coach-bench', roles: ['coach'], municipality: 'neuss' }, JWT_SECRET, { expiresIn: '2h' })}`;
    const totalPathways = config.httpPathways.reduce((a, b) => a + b, 0);
    log(`http: setup, ${totalPathways} participants with one pathway each`);
    const pathwayIds: string[] = [];
    for (let i = 0; i < totalPathways; i++) {
      // One pathway per participant: overlapping pathways of one kind are refused as duplicates.
      const participant = await api(base, auth, '/participants', participantBody(i));
      pathwayIds.push(
        (
          await api(base, auth, '/pathways', {
            participantId: participant.id,
            kind: 'language_support',
            jurisdiction: 'state',
            provider: 'VHS Neuss',
            goal: 'Reach B1 and start a training in care',
            plannedStart: isoDay(-365),
            plannedEnd: isoDay(365),
          })
        ).id,
      );
    }
    const conn = config.httpConnections;
    const openerCount = OPENERS_PER_CONNECTION * conn;
    log(`http: setup, ${openerCount} participants for the openings and ${OPENING_KINDS.length * conn} offers`);
    const openers = await inParallel(
      openerCount,
      async (i) => (await api(base, auth, '/participants', participantBody(totalPathways + i))).id,
    );
    result.openers = openers.length;
    const coordinator = `Bearer ${signTestToken({ sub: 'coordinator-bench', roles: ['coordinator'], municipality: 'neuss' }, JWT_SECRET, { expiresIn: '2h' })}`;
    // One offer per connection and kind, so no two requests in flight take a place in the same offer's stream.
    const offerIds = await inParallel(OPENING_KINDS.length * conn, async (i) => {
      const kind = OPENING_KINDS[i % OPENING_KINDS.length];
      // Places enough for every opening of the run: the row measures taking a place, not being refused one.
      return (
        await api(base, coordinator, '/offers', {
          title: `${kind} ${i}`,
          provider: 'VHS Neuss',
          kind,
          jurisdiction: 'state',
          municipality: 'neuss',
          places: 100_000,
          openTo: ['gestattung'],
          period: { from: isoDay(-400) },
        })
      ).id;
    });
    result.idleRssMb = (await started.stats()).rss / MB;
    await checkpoint(config.databaseUrl);

    const noopBody = JSON.stringify({ ping: 'pong' });
    log(`http: noop, ${config.httpConnections} connections, ${config.httpWarmup} s warm-up + ${config.seconds} s`);
    result.rows.push(
      await measure(started, config, `http noop (${config.httpConnections} conn)`, {
        requestFor: () => ({ method: 'POST', path: '/bench/noop', headers: { 'content-type': 'application/json' }, body: noopBody }),
      }),
    );

    const stepBody = JSON.stringify({
      kind: 'counselling',
      occurredAt: new Date(Date.now() - DAY_MS).toISOString(),
      note: 'short note',
      durationMinutes: 30,
    });
    let offset = 0;
    for (const n of config.httpPathways) {
      const mine = pathwayIds.slice(offset, offset + n);
      offset += n;
      const label = `http case step (${config.httpConnections} conn, ${n} pathway${n === 1 ? '' : 's'})`;
      log(`${label}: ${config.httpWarmup} s warm-up + ${config.seconds} s`);
      // Connection i writes to pathway i mod n: with as many pathways as connections, each connection is one coach on one case.
      const row = await measure(
        started,
        config,
        label,
        {
          requestFor: (i) => ({
            method: 'POST',
            path: `/pathways/${mine[i % n]}/case-steps`,
            headers: { 'content-type': 'application/json', authorization: auth },
            body: stepBody,
          }),
        },
        n,
      );
      row.eventsPerPathway = 1 + (row.warmupSuccesses + row.successes) / n;
      result.rows.push(row);
    }

    // One counter for both rows: a slot the first row took is never handed out again.
    const slots = new OpeningSlots(openers);
    const offerFor = (connection: number, kind: OpeningKind) =>
      offerIds[(connection % conn) * OPENING_KINDS.length + OPENING_KINDS.indexOf(kind)];
    for (const [label, load] of [
      [`http opening a pathway (${conn} conn)`, openingLoad(auth, slots)],
      [`http opening a pathway with an offer (${conn} conn)`, openingLoad(auth, slots, offerFor)],
    ] as const) {
      log(`${label}: ${config.httpWarmup} s warm-up + ${config.seconds} s`);
      const row = await measure(started, config, label, load);
      row.pathwaysPerParticipant = slots.perParticipant;
      result.rows.push(row);
    }
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    await cleanup().catch((error) => {
      result.error ??= `cleanup failed: ${(error as Error).message}`;
    });
  }
  return result;
};
