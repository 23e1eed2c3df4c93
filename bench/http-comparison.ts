import type { HttpResult, HttpRow } from './http-bench';
import { formatMs, formatRate, renderTable } from './table';

/** Issue 14: case steps at ≥ 12 % of pgbench's 16-client insert rate on the same server. */
export const PGBENCH_SHARE_TARGET = 0.12;

const percent = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${n.toFixed(0)}%` : '–');
const share = (part: number, whole: number | undefined) => (whole ? `${((part / whole) * 100).toFixed(1)} %` : '–');
const msPerRequest = (r: HttpRow) => (r.rate > 0 ? ((r.serverCpu * 10) / r.rate).toFixed(2) : '–');

/**
 * Where the time of a case step goes, in one table of the same run: the ceiling (pgbench's one-row
 * inserts, 16 clients, on the same server), the floor (the do-nothing route through the same HTTP
 * stack) and the case steps between them, each with the CPU of the server's processes and of
 * PostgreSQL while it ran, and the server's peak RSS.
 */
export const httpComparison = (http: HttpResult): { text: string; misses: string[] } | undefined => {
  const noop = http.rows.find((r) => r.pathways === undefined && r.label.includes('noop'));
  const steps = http.rows.filter((r) => r.pathways !== undefined);
  if (steps.length === 0) return undefined;
  const pg = http.pgbench;
  const misses: string[] = [];
  const rows: string[][] = [];
  rows.push([
    `pgbench one-row insert, ${pg?.clients ?? 16} clients`,
    pg?.tps ? formatRate(pg.tps) : 'error',
    formatMs(pg?.latency?.p99),
    '–',
    '–',
    percent(pg?.postgresCpu),
    '–',
  ]);
  for (const r of noop ? [noop, ...steps] : steps) {
    rows.push([
      r.label,
      formatRate(r.rate),
      formatMs(r.p99),
      percent(r.serverCpu),
      msPerRequest(r),
      percent(r.postgresCpu),
      r.peakRssMb.toFixed(0),
    ]);
  }
  const lines = [
    renderTable(
      [
        { header: 'case steps between ceiling and floor' },
        { header: '/s', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'server CPU', align: 'right' },
        { header: 'CPU ms/req', align: 'right' },
        { header: 'PG CPU', align: 'right' },
        { header: 'peak RSS MB', align: 'right' },
      ],
      rows,
    ),
  ];
  for (const r of steps) {
    const ratio = pg?.tps ? r.rate / pg.tps : undefined;
    const timed = (r.pathways ?? 0) > 1;
    lines.push(
      `${r.label}: ${formatRate(r.rate)}/s, p99 ${formatMs(r.p99)} ms = ${share(r.rate, pg?.tps)} of pgbench's insert rate` +
        `${timed ? ` (target ≥ ${PGBENCH_SHARE_TARGET * 100} %)` : ''}, ${share(r.rate, noop?.rate)} of the do-nothing route's;` +
        ` the server spent ${msPerRequest(r)} ms CPU per case step${noop ? `, ${msPerRequest(noop)} per no-op` : ''}.`,
    );
    if (timed && ratio !== undefined && ratio < PGBENCH_SHARE_TARGET) {
      misses.push(
        `${r.label}: ${share(r.rate, pg?.tps)} of pgbench's ${pg?.clients}-client insert rate (target ≥ ${PGBENCH_SHARE_TARGET * 100} %)`,
      );
    }
  }
  if (pg?.error) {
    lines.push(`pgbench: ERROR ${pg.error}`);
    misses.push(`http: no pgbench baseline (${pg.error})`);
  }
  lines.push(
    `note: pgbench ran ${pg ? pg.seconds.toFixed(0) : '?'} s just before the server started, on the same server (one-row insert per transaction into a`,
    `      (stream, version)-unique table, as in the store section); server CPU = the server process and every process it started, in % of one core.`,
  );
  return { text: lines.join('\n'), misses };
};
