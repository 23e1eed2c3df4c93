import type { RebuildBenchResult, RebuildRow } from './rebuild-bench';
import { formatRate, renderTable } from './table';

export const REBUILD_TARGET = 20_000;

const rate = (row: { events: number; seconds: number }) => (row.seconds > 0 ? row.events / row.seconds : NaN);
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Where a rebuild's seconds went, from the timed driver: the read, the read-model SQL, the fold between. */
const split = (row: RebuildRow): string => {
  const { queryMs, transactionMs, transactionQueryMs, transactions } = row.times;
  const totalMs = row.seconds * 1000;
  const share = (ms: number) => `${seconds(ms)} (${Math.round((100 * ms) / totalMs)}%)`;
  return (
    `${row.label}: reading the log ${share(queryMs)}; ${count(transactions)} read-model transactions ${share(transactionMs)},` +
    ` of which SQL ${seconds(transactionQueryMs)} and fold + begin/commit ${seconds(transactionMs - transactionQueryMs)};` +
    ` the rest (rows to events, batching) ${share(Math.max(0, totalMs - queryMs - transactionMs))}.` +
    ` ${count(row.documents)} documents; RSS ${row.rssBeforeMb.toFixed(0)} MB before, peak ${row.peakRssMb.toFixed(0)} MB.`
  );
};

/** The rebuild table: the pathways rebuild against its target, beside a plain read of the same log. */
export const rebuildReport = (result: RebuildBenchResult): { text: string; misses: string[] } => {
  const misses: string[] = [];
  const plain = result.reads.find((r) => r.label === 'read-all');
  const baseline = plain ? rate(plain) : undefined;
  const rows: string[][] = [];
  const g = result.generated;
  if (g)
    rows.push([
      `generate (${g.lanes} appends in flight)`,
      count(g.events),
      g.seconds.toFixed(1),
      formatRate(rate(g)),
      '',
      '',
      '',
      '',
      'info',
    ]);
  for (const r of result.reads) {
    const ratio = baseline && r !== plain ? `${(rate(r) / baseline).toFixed(2)}×` : '';
    rows.push([
      r.label,
      count(r.events),
      r.seconds.toFixed(1),
      formatRate(rate(r)),
      r === plain ? '' : formatRate(baseline),
      ratio,
      '',
      '',
      'info',
    ]);
  }
  for (const r of result.rebuilds) {
    const timed = r.label === 'rebuild pathways';
    const met = rate(r) >= REBUILD_TARGET;
    if (timed && !met) misses.push(`${r.label}: ${formatRate(rate(r))} events/s < ${formatRate(REBUILD_TARGET)}`);
    rows.push([
      r.label,
      count(r.events),
      r.seconds.toFixed(1),
      formatRate(rate(r)),
      formatRate(baseline),
      baseline ? `${(rate(r) / baseline).toFixed(2)}×` : '',
      r.peakRssMb.toFixed(0),
      timed ? `≥ ${formatRate(REBUILD_TARGET)}/s` : '',
      timed ? (met ? 'yes' : 'MISS') : 'info',
    ]);
  }
  if (result.error) {
    rows.push(['rebuild', 'error', '', '', '', '', '', '', 'see notes']);
    misses.push(`rebuild: ${result.error}`);
  }
  const table = renderTable(
    [
      { header: 'rebuild (PostgreSQL server)' },
      { header: 'events', align: 'right' },
      { header: 'seconds', align: 'right' },
      { header: 'events/s', align: 'right' },
      { header: 'baseline (read-all/s)', align: 'right' },
      { header: 'vs baseline', align: 'right' },
      { header: 'RSS peak MB', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'ok?' },
    ],
    rows,
  );
  const notes = [
    `note: generated pathways in ${result.where}: each opened, 20–40 case steps (70% with a sealed note, 40% planning a next step),`,
    `      30% completed, 15% aborted, 10% transferred, written in 1–3 appends; beside each, its participant's registration and`,
    `      enrolment ledger. Generation is not part of the target. read-all = one pass of store.readAll({ batchSize: ${result.batchSize} });`,
    `      in rebuild batches = the same through the rebuild's batching; rebuild = rebuildProjection (SqlReadModelStore, SqlLogOrder,`,
    `      one driver as in the app, batch ${result.batchSize}) from an empty live read model to the swap. RSS = this process (peak = kernel high-water mark).`,
    ...(g ? [`generated ${count(g.pathways)} pathways in ${count(g.appends)} appends.`] : []),
    ...(result.pathwaysPerBatch !== undefined
      ? [`a batch of ${count(result.batchSize)} events touches ${result.pathwaysPerBatch.toFixed(0)} pathway documents on average.`]
      : []),
    ...result.rebuilds.map(split),
    ...(result.error ? [`rebuild: ERROR ${result.error}`] : []),
  ];
  return { text: [table, '', ...notes].join('\n'), misses };
};
