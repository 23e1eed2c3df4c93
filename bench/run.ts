/**
 * `npm run bench`, its sections (BENCH_SECTIONS, default: all of those below), each runnable alone:
 * - store: the event store's append and read-all rates on PGlite and on the PostgreSQL server,
 *   next to a pgbench baseline measured on the same server in the same run;
 * - http: case steps recorded per second through the coach API (autocannon, 32 connections) on
 *   the PostgreSQL server, next to a do-nothing route measured the same way (http-bench.ts) and
 *   pgbench's 16-client insert rate on the same server (http-comparison.ts), and
 *   the pathways projection's lag meanwhile, from the app's /metrics (projection-lag.ts); then pathways
 *   opened per second, without and with a place in an offer;
 * - domain: the guard's decision and duplicate matching, in this process (domain-bench.ts);
 * - rebuild: rebuildProjection of the pathways read model over a million generated events on the
 *   PostgreSQL server, next to a plain read-all of the same log (rebuild-bench.ts);
 * - statistics: the core group's queries over 100,000 pathways in 1,000,000 events and a report's
 *   replay, in this process (statistics-bench.ts).
 * - page: the statistics page's first render in headless Chromium, next to its shell alone and its
 *   API answers without a browser (page-bench.ts).
 * - audit: the verifiable log over a million generated events on the PostgreSQL server: full
 *   verification, inclusion proofs and the export, next to a plain read of the same rows (audit-bench.ts).
 * - access: reads of a participant through the app with the access log and without it, alternating in
 *   one run on the PostgreSQL server (access-bench.ts).
 * It is a report: it exits 0 even when a target is missed, and says so.
 * Settings: BENCH_SECONDS, BENCH_PGBENCH_SECONDS, BENCH_WRITERS, BENCH_READ_EVENTS,
 * BENCH_READ_BATCH, BENCH_ENGINES, BENCH_PGBENCH_MODE, BENCH_PG_POOL, BENCH_SECTIONS,
 * BENCH_HTTP_CONNECTIONS, BENCH_HTTP_PATHWAYS, BENCH_HTTP_WARMUP, BENCH_HTTP_LOG_LEVEL,
 * BENCH_HTTP_CPU_PROF, BENCH_HTTP_WRITE_LIMIT, BENCH_REBUILD_EVENTS, BENCH_REBUILD_BATCH, BENCH_PAGE_PARTICIPANTS, BENCH_PAGE_RUNS, BENCH_AUDIT_EVENTS, DATABASE_URL, PGBENCH.
 */
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { Client } from 'pg';
import { redact } from '@lotse/event-store/event-store-url';
import { accessReport, benchAccess } from './access-bench';
import { loadConfig } from './config';
import { benchDomain } from './domain-bench';
import { benchEngine, EngineResult, SEED_BATCH } from './event-store-bench';
import { benchHttp, HttpResult } from './http-bench';
import { describeTimeSplit } from './time-split-report';
import { httpComparison } from './http-comparison';
import { benchPage, pageReport } from './page-bench';
import { lagReport } from './lag-report';
import { PgbenchResult, runPgbenchBaseline } from './pgbench-baseline';
import { auditReport, benchAudit } from './audit-bench';
import { benchRebuild } from './rebuild-bench';
import { benchStatistics } from './statistics-bench';
import { rebuildReport } from './rebuild-report';
import { formatMs, formatRate, renderTable } from './table';

// Issue 14: appends with 16 writers at ≥ 0.6 × pgbench's 16-client insert rate in the same run.
const APPEND_TARGET_RATIO = 0.6;
const READ_TARGET = 50_000;
const CASE_STEP_P99_TARGET_MS = 50;
/** "Other" CPU (% of one core) above which an HTTP row was disturbed by something else on the machine. */
const OTHER_CPU_NOISE = 20;

const cleanups: (() => Promise<void>)[] = [];
const registerCleanup = (fn: () => Promise<void>) => {
  cleanups.push(fn);
};

process.once('SIGINT', () => {
  process.stderr.write('\ninterrupted: dropping scratch schemas and temp dirs…\n');
  void Promise.allSettled(cleanups.map((fn) => fn())).then(() => process.exit(130));
});

const serverInfo = async (url: string): Promise<string> => {
  const client = new Client({ connectionString: url, application_name: 'lotse-bench' });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string; sc: string; fsync: string; mc: string }>(
      `select current_setting('server_version') as v, current_setting('synchronous_commit') as sc,
              current_setting('fsync') as fsync, current_setting('max_connections') as mc`,
    );
    const r = rows[0];
    return `PostgreSQL ${r.v} at ${redact(url)} (synchronous_commit=${r.sc}, fsync=${r.fsync}, max_connections=${r.mc})`;
  } catch (error) {
    return `PostgreSQL at ${redact(url)}: unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const buildRows = (baseline: PgbenchResult[], engines: EngineResult[]) => {
  const misses: string[] = [];
  const rows: string[][] = [];
  for (const b of baseline) {
    rows.push([
      `insert ${plural(b.clients, 'client')}`,
      'pgbench',
      formatRate(b.tps),
      formatMs(b.latency?.p50),
      formatMs(b.latency?.p99),
      '',
      '',
      '',
      b.error ? 'error' : '',
    ]);
  }
  for (const e of engines) {
    for (const a of e.appends) {
      const tps = e.engine === 'postgres' ? baseline.find((b) => b.clients === a.writers)?.tps : undefined;
      const ratio = tps ? a.opsPerSec / tps : undefined;
      let target = '';
      let ok = '';
      if (e.engine === 'postgres' && a.writers > 1) {
        if (tps) {
          target = `≥ ${formatRate(APPEND_TARGET_RATIO * tps)}`;
          const met = a.opsPerSec >= APPEND_TARGET_RATIO * tps;
          ok = met ? 'yes' : 'MISS';
          if (!met)
            misses.push(
              `postgres append ${plural(a.writers, 'writer')}: ${formatRate(a.opsPerSec)}/s < ${APPEND_TARGET_RATIO} × pgbench ${formatRate(tps)} tps`,
            );
        } else {
          target = `≥ ${APPEND_TARGET_RATIO} × pgbench`;
          ok = 'n/a';
        }
      }
      rows.push([
        `append ${plural(a.writers, 'writer')}`,
        e.engine,
        formatRate(a.opsPerSec),
        formatMs(a.latency.p50),
        formatMs(a.latency.p99),
        tps ? formatRate(tps) : '',
        ratio ? `${ratio.toFixed(2)}×` : '',
        target,
        ok,
      ]);
    }
    if (e.read) {
      const met = e.read.eventsPerSec >= READ_TARGET;
      if (!met) misses.push(`${e.engine} read-all: ${formatRate(e.read.eventsPerSec)} events/s < ${formatRate(READ_TARGET)}`);
      rows.push([
        'read-all (events/s)',
        e.engine,
        formatRate(e.read.eventsPerSec),
        '',
        '',
        '',
        '',
        `≥ ${formatRate(READ_TARGET)}`,
        met ? 'yes' : 'MISS',
      ]);
    } else if (e.error) {
      rows.push([e.appends.length ? 'read-all (events/s)' : 'all', e.engine, 'error', '', '', '', '', '', 'see notes']);
    }
  }
  return { rows, misses };
};

const formatMb = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(0));
const formatPercent = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${n.toFixed(0)}%` : '–');

/**
 * The case-step target holds for steps spread over several pathways; one hot pathway is shown for
 * information. Its rate is judged against pgbench in the comparison table (issue 14: ≥ 12 % of the
 * 16-client insert rate of the same run), its latency and errors here.
 */
const buildHttpRows = (http: HttpResult) => {
  const misses: string[] = [];
  const rows = http.rows.map((r) => {
    let target = '';
    let ok = '';
    const clean = r.non2xx === 0 && r.errors === 0;
    if (r.pathways !== undefined && r.pathways > 1) {
      target = `p99 < ${CASE_STEP_P99_TARGET_MS} ms, 0 errors`;
      const met = clean && r.p99 < CASE_STEP_P99_TARGET_MS;
      ok = met ? 'yes' : 'MISS';
      if (!met) {
        misses.push(
          `${r.label}: ${formatRate(r.rate)}/s, p99 ${formatMs(r.p99)} ms` +
            `${clean ? '' : `, ${r.non2xx} non-2xx and ${r.errors} connection errors`}` +
            ` (target p99 < ${CASE_STEP_P99_TARGET_MS} ms, 0 errors; the rate against pgbench below)`,
        );
      }
    } else if (!clean) {
      ok = 'MISS';
      misses.push(`${r.label}: ${r.non2xx} non-2xx and ${r.errors} connection errors`);
    } else if (r.pathways !== undefined) {
      ok = 'info';
    }
    return [
      r.label,
      formatRate(r.rate),
      formatMs(r.p50),
      formatMs(r.p99),
      String(r.non2xx + r.errors),
      formatMb(r.peakRssMb),
      formatMb(r.afterRssMb),
      formatPercent(r.serverCpu),
      r.rate > 0 ? ((r.serverCpu * 10) / r.rate).toFixed(2) : '–',
      formatPercent(r.postgresCpu),
      formatPercent(Math.max(0, r.machineCpu - r.serverCpu - r.benchCpu - (r.postgresCpu ?? 0))),
      target,
      ok,
    ];
  });
  if (http.error) {
    rows.push(['http', 'error', '', '', '', '', '', '', '', '', '', '', 'see notes']);
    misses.push(`http: ${http.error}`);
  }
  return { rows, misses };
};

const main = async () => {
  const config = loadConfig();
  const cpuList = cpus();
  const [load1] = loadavg();
  const started = Date.now();
  process.stderr.write('Lotse bench: measuring (progress on stderr, report on stdout)…\n');
  const server = await serverInfo(config.databaseUrl);
  const store = config.sections.includes('store');

  let baseline: PgbenchResult[] = [];
  const engines: EngineResult[] = [];
  if (store) {
    process.stderr.write(`  · pgbench baseline: ${config.writers.join(' and ')} clients, ${config.pgbenchSeconds} s each\n`);
    baseline = await runPgbenchBaseline(
      {
        databaseUrl: config.databaseUrl,
        binary: config.pgbench,
        mode: config.pgbenchMode,
        seconds: config.pgbenchSeconds,
        clients: config.writers,
        cores: cpuList.length,
      },
      registerCleanup,
    );
    for (const engine of config.engines) engines.push(await benchEngine(engine, config, registerCleanup));
  }
  const http = config.sections.includes('http') ? await benchHttp(config, registerCleanup) : undefined;

  const { rows, misses } = buildRows(baseline, engines);
  const table = renderTable(
    [
      { header: 'operation' },
      { header: 'engine' },
      { header: 'ops/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'baseline (pgbench tps)', align: 'right' },
      { header: 'vs baseline', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'ok?' },
    ],
    rows,
  );

  const notes = !store
    ? []
    : [
        `note: append = one CaseStepRecorded event (~200 B data + full metadata) to the writer's own stream with expectedVersion = its last version,`,
        `      ${config.seconds} s per row after a 0.5 s warm-up; p50/p99 = latency per append. pgbench = one-row insert per transaction into a`,
        `      (stream, version)-unique table, --protocol ${config.pgbenchMode}, ${config.pgbenchSeconds} s per row, same server, same run.`,
        `      read-all = one pass of store.readAll() (batch ${config.readBatch ?? 'default 1000'}) over every event in the store; PGlite runs in a temp dir.`,
        `      targets: append with 16 writers on PostgreSQL ≥ ${APPEND_TARGET_RATIO} × pgbench tps at 16 clients; read-all ≥ ${formatRate(READ_TARGET)} events/s.`,
      ];
  for (const e of engines) {
    const cpu = e.appends.map((a) => `${a.writers}w ${a.clientCpuPercent.toFixed(0)}%`).join(', ');
    if (cpu) notes.push(`${e.engine}: bench process CPU while appending (% of one core): ${cpu}.`);
    if (e.scans) {
      const share = e.appendCalls ? e.scans.seqScans / e.appendCalls : 0;
      notes.push(
        `${e.engine}: events table: ${e.scans.seqScans.toLocaleString('en-US')} sequential and ${e.scans.indexScans.toLocaleString('en-US')} index scans for ${e.appendCalls.toLocaleString('en-US')} appends` +
          (share > 0.05
            ? ` — a sequential scan of the whole log in ~${Math.min(100, Math.round(share * 100))}% of appends (lotse_append's idempotency probe, planned while the table was small): append cost grows with the log.`
            : '.'),
      );
    }
    if (e.read)
      notes.push(
        `${e.engine}: read-all iterated ${e.read.events.toLocaleString('en-US')} events (${e.read.seeded.toLocaleString('en-US')} seeded untimed with ${SEED_BATCH}-event appends); ran in ${e.where}.`,
      );
    if (e.error) notes.push(`${e.engine}: ERROR ${e.error}`);
  }
  for (const b of baseline) if (b.error) notes.push(`pgbench ${plural(b.clients, 'client')}: ERROR ${b.error}`);

  const httpSection: string[] = [];
  if (http) {
    const built = buildHttpRows(http);
    misses.push(...built.misses);
    httpSection.push(
      '',
      renderTable(
        [
          { header: 'HTTP (PostgreSQL server)' },
          { header: '2xx/s', align: 'right' },
          { header: 'p50 ms', align: 'right' },
          { header: 'p99 ms', align: 'right' },
          { header: 'non-2xx', align: 'right' },
          { header: 'RSS peak MB', align: 'right' },
          { header: 'RSS after MB', align: 'right' },
          { header: 'server CPU', align: 'right' },
          { header: 'CPU ms/req', align: 'right' },
          { header: 'PG CPU', align: 'right' },
          { header: 'other CPU', align: 'right' },
          { header: 'target', align: 'right' },
          { header: 'ok?' },
        ],
        built.rows,
      ),
      '',
    );
    httpSection.push(
      `note: the real app (createApp, LOG_LEVEL=${config.httpLogLevel}) in a child process on ${http.where}, autocannon here with ${http.connections} keep-alive connections,`,
      `      the server as ${http.runtime}, WEB_CONCURRENCY=${config.httpWebConcurrency} PROJECTIONS=${config.httpProjections}`,
      `      (BENCH_HTTP_WEB_CONCURRENCY, BENCH_HTTP_PROJECTIONS); with several processes, RSS is the largest process's and server CPU all of them together;`,
      `      ${config.httpWarmup} s warm-up + ${config.seconds} s per row; p50/p99 = autocannon's latency per request (1 ms resolution); non-2xx counts connection errors too.`,
      `      noop = POST /bench/noop (public, { ping } validated, answers { ok: true }); case step = POST /pathways/:id/case-steps as a coach`,
      `      ({ kind, occurredAt, note, durationMinutes }; no Idempotency-Key), connection i always on pathway i mod n.`,
      `      opening = POST /pathways as a coach, round-robin over ${http.openers ?? '?'} participants and the four kinds (all eligible), one-day pathways that`,
      `      overlap none of the participant's others, so the guard allows each; with an offer = a place in the connection's own offer of that kind.`,
      `      RSS = the server's own (peak per row from the kernel's high-water mark; idle after setup: ${formatMb(http.idleRssMb)} MB).`,
      `      CPU in % of one core (${cpuList.length} cores = ${cpuList.length * 100}%) during the timed phase: server = the app's process tree (CPU ms/req = its CPU`,
      `      time per 2xx answer, the figure least moved by other load on the machine), PG = every local`,
      `      postgres process, other = the whole machine minus those and autocannon: kernel work and anything else running (more than`,
      `      ~${OTHER_CPU_NOISE}% means something else competed for the ${cpuList.length} cores and the row is disturbed).`,
      `      Under each row, each HTTP process: server time per answer = from the request's arrival ('request' event) to its answer's end,`,
      `      split into the event store's appends (queued = the batcher's window and a free one of its statements in flight; statement =`,
      `      asking the pool for a connection to the answer) and the rest (Node's work and its turns in the event loop between the awaits);`,
      `      refused = appends answered with a version conflict, which the command runner decides again (a retry); pool wait = the wait for a`,
      `      connection of the event store's pool, every statement; event loop late = how much later than due a 10 ms timer fired on the`,
      `      process's main thread (a long task or a GC pause held every request meanwhile); GC = the pauses of that thread.`,
    );
    for (const r of http.rows) {
      const parts = [`autocannon ${formatPercent(r.benchCpu)} CPU, machine ${formatPercent(r.machineCpu)}`];
      const other = r.machineCpu - r.serverCpu - r.benchCpu - (r.postgresCpu ?? 0);
      if (other > OTHER_CPU_NOISE)
        parts.push(`DISTURBED: ${formatPercent(other)} of CPU went to something else, repeat the run on a quiet machine`);
      if (r.eventsPerPathway !== undefined)
        parts.push(`~${Math.round(r.eventsPerPathway).toLocaleString('en-US')} events per pathway at the end`);
      if (r.pathwaysPerParticipant !== undefined)
        parts.push(`~${r.pathwaysPerParticipant.toFixed(1)} one-day pathways per participant at the end (the history the guard reads)`);
      for (const p of r.processes ?? [])
        parts.push(`${p.role} (pid ${p.pid}): peak RSS ${formatMb(p.peakRssMb)} MB, CPU ${formatPercent(p.cpu)}`);
      if (r.failures || r.errors)
        parts.push(`failures: ${[r.failures, r.errors ? `${r.errors} connection errors` : ''].filter(Boolean).join(', ')}`);
      httpSection.push(`${r.label}: ${parts.join('; ')}.`);
      // Each HTTP process on a line of its own: where its answers' time went.
      const http = r.processes?.filter((p) => p.split || p.pauses) ?? [];
      if (http.length === 0 && (r.split || r.pauses))
        httpSection.push(`  the HTTP process: ${describeTimeSplit(r.split, r.pauses, r.mean)}.`);
      for (const p of http) httpSection.push(`  ${p.role} (pid ${p.pid}): ${describeTimeSplit(p.split, p.pauses, r.mean)}.`);
    }
    if (http.error) httpSection.push(`http: ERROR ${http.error}`);
    const comparison = httpComparison(http);
    if (comparison) {
      misses.push(...comparison.misses);
      httpSection.push('', comparison.text);
    }
    const lag = lagReport(http);
    if (lag) {
      misses.push(...lag.misses);
      httpSection.push('', lag.text);
    }
  }

  const domain = config.sections.includes('domain') ? benchDomain(100_000) : undefined;
  if (domain?.includes('MISS')) misses.push('domain: see the domain table');

  const rebuild = config.sections.includes('rebuild') ? rebuildReport(await benchRebuild(config, registerCleanup)) : undefined;
  if (rebuild) misses.push(...rebuild.misses);

  const statistics = config.sections.includes('statistics') ? await benchStatistics() : undefined;
  if (statistics) misses.push(...statistics.misses);
  const page = config.sections.includes('page') ? pageReport(await benchPage()) : undefined;
  if (page) misses.push(...page.misses);
  const audit = config.sections.includes('audit') ? auditReport(await benchAudit(config, registerCleanup)) : undefined;
  if (audit) misses.push(...audit.misses);
  const access = config.sections.includes('access') ? accessReport(config, await benchAccess(config, registerCleanup)) : undefined;
  if (access) misses.push(...access.misses);

  const cpuModel = cpuList[0]?.model.trim() ?? 'unknown CPU';
  const out = [
    '',
    `Lotse bench (${config.sections.join(', ')}) — ${new Date().toISOString()}`,
    `machine: ${cpuList.length} cores (${cpuModel}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${arch()}, node ${process.version}`,
    `server:  ${server}`,
    `load:    ${load1.toFixed(2)} (1-min average at start)${load1 > cpuList.length / 2 ? ' — the machine was busy: expect noisy figures' : ''}`,
    ...(store ? ['', table, '', ...notes] : []),
    ...httpSection,
    ...(domain ? ['', domain, ''] : []),
    ...(rebuild ? ['', rebuild.text, ''] : []),
    ...(statistics ? ['', statistics.text, ''] : []),
    ...(page ? ['', page.text, ''] : []),
    ...(audit ? ['', audit.text, ''] : []),
    ...(access ? ['', access.text, ''] : []),
    misses.length ? `TARGET MISSED: ${misses.join('; ')}` : 'all targets met.',
    `(took ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    '',
  ];
  process.stdout.write(out.join('\n'));
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    void Promise.allSettled(cleanups.map((fn) => fn())).then(() => process.exit(1));
  },
);
