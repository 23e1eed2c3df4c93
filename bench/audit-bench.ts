/**
 * The verifiable log on the PostgreSQL server: a log of BENCH_AUDIT_EVENTS generated events with
 * valid hash chains in a scratch schema, its Merkle tree built the way the follower builds it, then
 * the full verification (GET /audit/verify), inclusion proofs (GET /audit/proofs/inclusion) and
 * the export (GET /audit/log), each beside a same-run baseline: a plain read of the same rows.
 */
import { performance } from 'node:perf_hooks';
import { inclusionProof, treeHead } from '@lotse/transparency';
import { ExportLogHandler } from '../src/audit-log/export/export-log.handler';
import { ExportAccessRecorderSlot } from '../src/audit-log/export/export-access-recorder';
import { LogVerifier } from '../src/audit-log/verification/log-verifier';
import { walkLog } from '../src/audit-log/verification/raw-events';
import { seedEvents, seedTree } from './audit-seed';
import type { BenchConfig } from './config';
import { PeakRss } from './peak-rss';
import { meterCpu } from './process-cpu';
import { openScratchStore } from './scratch';
import { summarise } from './stats';
import { formatMs, formatRate, renderTable } from './table';

const VERIFY_TARGET = 200_000;
const PROOF_P99_TARGET_MS = 10;
const EXPORT_TARGET = 100_000;
const EXPORT_RSS_TARGET_MB = 100;
const PROOFS = 2_000;
const MB = 2 ** 20;

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

export interface AuditBenchResult {
  events: number;
  generateSeconds: number;
  treeSeconds: number;
  readSeconds: number;
  verifySeconds: number;
  verifyIntact: boolean;
  /** CPU µs per event of the full verification: this process (all its threads), and every postgres process. */
  verifyProcessCpuUs: number;
  verifyPostgresCpuUs: number;
  proofP50: number;
  proofP99: number;
  exportSeconds: number;
  exportBytes: number;
  exportRssGrowthMb: number;
  error?: string;
}

export const benchAudit = async (config: BenchConfig, registerCleanup: (fn: () => Promise<void>) => void): Promise<AuditBenchResult> => {
  const events = config.auditEvents;
  const scratch = await openScratchStore({ databaseUrl: config.databaseUrl, prefix: 'lotse_bench_audit' });
  registerCleanup(scratch.cleanup);
  const { driver } = scratch;
  try {
    log(`audit: generating ${events.toLocaleString('en-US')} chained events`);
    let started = performance.now();
    await seedEvents(driver, events);
    const generateSeconds = (performance.now() - started) / 1000;

    log('audit: building the Merkle tree');
    started = performance.now();
    const { tree, signer, checkpoints } = await seedTree(driver);
    const treeSeconds = (performance.now() - started) / 1000;

    log('audit: reading the log plainly (baseline)');
    started = performance.now();
    let read = 0;
    for await (const rows of walkLog(driver)) read += rows.length;
    const readSeconds = (performance.now() - started) / 1000;

    log('audit: full verification');
    const verifier = new LogVerifier(driver, tree, signer);
    // CPU per event as well as the rate: on a shared machine the rate says little, and 200,000 events/s
    // on two cores means at most 10 µs of CPU per event, this process's and PostgreSQL's together.
    const postgresCpu = meterCpu();
    const processCpu = process.cpuUsage();
    started = performance.now();
    const report = await verifier.verifyLog();
    const verifySeconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(processCpu);
    const verifyProcessCpuUs = (user + system) / read;
    const verifyPostgresCpuUs = ((postgresCpu.stop().postgres ?? NaN) * 1e6) / read;

    log(`audit: ${PROOFS} inclusion proofs at ${events.toLocaleString('en-US')} leaves`);
    const ids = await driver.query<{ event_id: string }>(`select event_id::text from events tablesample system (1) limit ${PROOFS}`);
    const size = (await tree.state()).size;
    await treeHead(size, tree.readNodes);
    const samples: number[] = [];
    for (const { event_id } of ids) {
      const t = performance.now();
      const leaf = await tree.leafOfEvent(event_id);
      await inclusionProof(leaf!.leafIndex, size, tree.readNodes);
      samples.push(performance.now() - t);
    }
    const proofs = summarise(samples);

    log('audit: export');
    const exporter = new ExportLogHandler(tree, driver, new ExportAccessRecorderSlot(), checkpoints);
    const rss = new PeakRss();
    global.gc?.();
    rss.reset();
    const before = process.memoryUsage.rss();
    started = performance.now();
    let bytes = 0;
    const plan = await exporter.plan({ sub: 'bench', roles: ['auditor'], municipality: 'neuss' }, {});
    await exporter.stream(plan, async (chunk) => {
      bytes += chunk.length;
    });
    const exportSeconds = (performance.now() - started) / 1000;
    const exportRssGrowthMb = (rss.read() - before) / MB;
    rss.stop();
    return {
      events: read,
      generateSeconds,
      treeSeconds,
      readSeconds,
      verifySeconds,
      verifyIntact: report.intact,
      verifyProcessCpuUs,
      verifyPostgresCpuUs,
      proofP50: proofs.p50,
      proofP99: proofs.p99,
      exportSeconds,
      exportBytes: bytes,
      exportRssGrowthMb,
    };
  } finally {
    await scratch.cleanup();
  }
};

export const auditReport = (r: AuditBenchResult): { text: string; misses: string[] } => {
  const misses: string[] = [];
  const verifyRate = r.events / r.verifySeconds;
  const exportRate = r.events / r.exportSeconds;
  const readRate = r.events / r.readSeconds;
  if (verifyRate < VERIFY_TARGET || !r.verifyIntact)
    misses.push(`audit verify: ${formatRate(verifyRate)} events/s${r.verifyIntact ? '' : ' (not intact!)'}`);
  if (r.proofP99 >= PROOF_P99_TARGET_MS) misses.push(`audit inclusion proof p99 ${formatMs(r.proofP99)} ms`);
  if (exportRate < EXPORT_TARGET || r.exportRssGrowthMb >= EXPORT_RSS_TARGET_MB) {
    misses.push(`audit export: ${formatRate(exportRate)} events/s, RSS +${r.exportRssGrowthMb.toFixed(0)} MB`);
  }
  const ok = (met: boolean) => (met ? 'yes' : 'MISS');
  const table = renderTable(
    [
      { header: `audit log (PostgreSQL, ${r.events.toLocaleString('en-US')} events)` },
      { header: 'events/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'baseline: plain read, events/s', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'ok?' },
    ],
    [
      ['tree build (leaves + nodes)', formatRate(r.events / r.treeSeconds), '', '', formatRate(readRate), '', 'info'],
      [
        'full verification (chains, leaves, signed root)',
        formatRate(verifyRate),
        '',
        '',
        formatRate(readRate),
        `≥ ${formatRate(VERIFY_TARGET)}`,
        ok(verifyRate >= VERIFY_TARGET && r.verifyIntact),
      ],
      [
        'inclusion proof (eventId → path)',
        '',
        formatMs(r.proofP50),
        formatMs(r.proofP99),
        '',
        `p99 < ${PROOF_P99_TARGET_MS} ms`,
        ok(r.proofP99 < PROOF_P99_TARGET_MS),
      ],
      [
        `export NDJSON (${(r.exportBytes / MB).toFixed(0)} MB, RSS +${r.exportRssGrowthMb.toFixed(0)} MB)`,
        formatRate(exportRate),
        '',
        '',
        formatRate(readRate),
        `≥ ${formatRate(EXPORT_TARGET)}, RSS < +${EXPORT_RSS_TARGET_MB} MB`,
        ok(exportRate >= EXPORT_TARGET && r.exportRssGrowthMb < EXPORT_RSS_TARGET_MB),
      ],
    ],
  );
  const notes = [
    `note: ${r.events.toLocaleString('en-US')} generated events (ten per pathway stream, valid chains; ${r.generateSeconds.toFixed(0)} s to generate, untimed) in a scratch schema.`,
    '      baseline = one pass over the same rows in log order with the same batched reads, nothing checked. verification = GET /audit/verify',
    '      without ?stream (LogVerifier.verifyLog): recomputes every chain hash, compares every leaf, rebuilds the root; its CPU:',
    `      ${r.verifyProcessCpuUs.toFixed(1)} µs per event in this process (all threads), ${r.verifyPostgresCpuUs.toFixed(1)} µs in PostgreSQL (every postgres process). Proofs: random`,
    `      events, eventId lookup + RFC 9162 path from stored subtrees, one at a time. Export = ExportLogHandler into a counting sink in this`,
    '      process (the route adds the socket); RSS growth = peak resident memory during the export minus before it.',
  ];
  return { text: [table, '', ...notes].join('\n'), misses };
};
