/**
 * The verifiable log on the PostgreSQL server: a log of BENCH_AUDIT_EVENTS generated events with
 * valid hash chains in a scratch schema, its Merkle tree built the way the follower builds it, then
 * the full verification (GET /audit/verify), inclusion proofs (GET /audit/proofs/inclusion) and
 * the export (GET /audit/log), each beside a same-run baseline: a plain read of the same rows.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chainContent, chainHash, GENESIS_HASH } from '@lotse/event-store/canonical-json';
import { generateSignerKey, inclusionProof, parseSignerKey, treeHead, TreeBuilder, StoredNode } from '@lotse/transparency';
import { CheckpointSigner } from '../src/audit-log/signing/checkpoint-signer';
import { ExportLogHandler } from '../src/audit-log/export/export-log.handler';
import { ExportAccessRecorderSlot } from '../src/audit-log/export/export-access-recorder';
import { Leaf, MerkleTreeStore } from '../src/audit-log/tree/merkle-tree-store';
import { LogVerifier } from '../src/audit-log/verification/log-verifier';
import { walkLog } from '../src/audit-log/verification/raw-events';
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
const INSERT_BATCH = 5_000;
const PROOFS = 2_000;
const MB = 2 ** 20;

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

/** A pathway's worth of events: realistic envelopes, sealed-looking data, ten per stream. */
const generate = function* (count: number): Generator<{ streamId: string; version: number; event: Record<string, unknown>; hash: string }> {
  const heads = new Map<string, string>();
  let stream = '';
  for (let i = 0; i < count; i += 1) {
    if (i % 10 === 0) stream = `pathway-${randomUUID()}`;
    const version = i % 10;
    const event = {
      eventId: randomUUID(),
      type: version === 0 ? 'PathwayOpened' : 'CaseStepRecorded',
      schemaVersion: 1,
      data: {
        pathwayId: stream.slice(8),
        kind: 'counselling',
        occurredAt: '2026-02-01T08:30:00.000Z',
        note: { sealed: 'v1.'.padEnd(120, 'x') },
      },
      metadata: {
        actor: 'coach-1',
        role: 'coach',
        municipality: 'neuss',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-02-01T08:30:00.000Z',
      },
      recordedAt: new Date(Date.UTC(2026, 1, 1) + i).toISOString(),
    };
    const hash = chainHash(heads.get(stream) ?? GENESIS_HASH, chainContent(stream, event));
    heads.set(stream, hash);
    yield { streamId: stream, version, event, hash };
  }
};

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
    let batch: ReturnType<typeof generate> extends Generator<infer T> ? T[] : never = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await driver.query(
        `insert into events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
         select * from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::text[])`,
        [
          batch.map((b) => b.streamId),
          batch.map((b) => b.version),
          batch.map((b) => b.event.eventId),
          batch.map((b) => b.event.type),
          batch.map(() => 1),
          batch.map((b) => JSON.stringify(b.event.data)),
          batch.map((b) => JSON.stringify(b.event.metadata)),
          batch.map((b) => b.event.recordedAt),
          batch.map((b) => b.hash),
        ],
      );
      const heads = batch.filter((b) => b.version === 9 || b === batch[batch.length - 1]);
      await driver.query(
        `insert into streams (stream_id, version, last_hash) select * from unnest($1::text[], $2::bigint[], $3::text[])
         on conflict (stream_id) do update set version = excluded.version, last_hash = excluded.last_hash`,
        [heads.map((h) => h.streamId), heads.map((h) => h.version), heads.map((h) => h.hash)],
      );
      batch = [];
    };
    for (const e of generate(events)) {
      batch.push(e);
      if (batch.length === INSERT_BATCH) await flush();
    }
    await flush();
    await driver.exec('analyze events');
    const generateSeconds = (performance.now() - started) / 1000;

    log('audit: building the Merkle tree');
    const tree = new MerkleTreeStore(driver);
    await tree.init();
    started = performance.now();
    const builder = TreeBuilder.empty();
    for await (const rows of walkLog(driver)) {
      const leaves: Leaf[] = [];
      const nodes: StoredNode[] = [];
      for (const r of rows) {
        leaves.push({ leafIndex: builder.size, position: Number(r.global_position), eventHash: r.hash });
        nodes.push(...builder.append(Buffer.from(r.hash, 'hex')));
      }
      await tree.append(builder.size - rows.length, leaves, nodes);
    }
    const treeSeconds = (performance.now() - started) / 1000;
    const signer = parseSignerKey(generateSignerKey('lotse.invalid/bench'));
    const checkpoints = new CheckpointSigner(tree, signer);
    await checkpoints.signCurrent();
    await driver.exec('analyze audit_leaves; analyze audit_nodes');

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
