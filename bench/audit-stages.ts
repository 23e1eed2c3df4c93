/**
 * Where the full verification's CPU goes: the same log read and checked in stages, each adding one
 * step (the COPY alone, cutting rows, linking chains, writing each chain input and checking the
 * columns against the content, hashing, the tree, the whole LogVerifier), and the export's event lines
 * (stage `export`), with the CPU per event of this process (all threads) and of PostgreSQL's backends
 * serving this script (not the machine's other postgres processes), rounds alternating so that a
 * machine getting busier weighs on every stage alike.
 *
 *   DATABASE_URL=… AUDIT_STAGES_EVENTS=200000 AUDIT_STAGES_ROUNDS=3 [AUDIT_STAGES=read.join,verify] \
 *     node -r @swc-node/register bench/audit-stages.ts
 *
 * The log stays in schema AUDIT_STAGES_SCHEMA (default lotse_audit_stages) between runs; it is
 * generated again when its size differs.
 */
import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { copyRowBatches } from '@lotse/event-store/sql/copy-binary-rows';
import { columnsAgreeWithContent, writeChainInput } from '@lotse/event-store/sql/chain-content-bytes';
import { ByteWriter } from '@lotse/event-store/sql/byte-writer';
import { PostgresDriver } from '@lotse/event-store/postgres/postgres-driver';
import { SqlEventStore } from '@lotse/event-store/sql/sql-event-store';
import { generateSignerKey, parseSignerKey } from '@lotse/transparency';
import { CheckpointSigner } from '../src/audit-log/signing/checkpoint-signer';
import { MerkleTreeStore } from '../src/audit-log/tree/merkle-tree-store';
import { columnsOfRow, COPIED_COLUMNS, COPIED_SELECT, emptyColumns, hashCopiedRows } from '../src/audit-log/verification/copied-links';
import { copiedLog, leavesCopy, LOG_COPY, LOG_PLAN } from '../src/audit-log/verification/copied-log';
import { LogVerifier } from '../src/audit-log/verification/log-verifier';
import { exportLines } from '../src/audit-log/export/export-lines';
import { ChainEnd } from '../src/audit-log/verification/logged-batch';
import { seedEvents, seedTree } from './audit-seed';
import { cpuSecondsOf } from './process-cpu';
import { renderTable } from './table';

const APPLICATION = 'lotse-audit-stages';
const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const schema = process.env.AUDIT_STAGES_SCHEMA || 'lotse_audit_stages';
const events = Number(process.env.AUDIT_STAGES_EVENTS) || 200_000;
const rounds = Number(process.env.AUDIT_STAGES_ROUNDS) || 3;
const BATCH = 1_024;
/** Signs a fresh checkpoint at each start, as the log's key is not kept between runs. */
const signer = parseSignerKey(generateSignerKey('lotse.invalid/stages'));

type Stage = (driver: PostgresDriver) => Promise<unknown>;

const drain = async (chunks: AsyncIterable<Buffer>): Promise<number> => {
  let bytes = 0;
  for await (const chunk of chunks) bytes += chunk.length;
  return bytes;
};

const copyOnly =
  (select: string, plan: Record<string, string> = {}) =>
  (driver: PostgresDriver) =>
    drain(driver.copyOut(`copy (${select}) to stdout with (format binary)`, { ...LOG_PLAN, ...plan }));

/** Each event's chain input written, and its columns checked, as the hashing thread does, on this thread; `then` gets its bytes. */
const chainInputs =
  (then?: (input: Buffer) => void): Stage =>
  async (driver) => {
    const out = new ByteWriter();
    const scratch = new ByteWriter(1024);
    for await (const { job } of copiedLog(driver, new Map<string, ChainEnd>(), () => BATCH, events)) {
      const e = emptyColumns(Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength));
      for (let i = 0, f = 0; f < job.fields.length; i += 1, f += 2 * COPIED_COLUMNS) {
        columnsOfRow(job.fields, f, e);
        out.reset();
        writeChainInput(job.previous, i === 0 ? 0 : job.previousEnds[i - 1], job.previousEnds[i], e, out);
        if (!columnsAgreeWithContent(e, scratch)) throw new Error(`event ${i} of a batch: its columns are not what its content says`);
        then?.(out.view());
      }
    }
  };

const EVENT_ORDER = 'from events e order by e.transaction_id, e.global_position';

/** The stages, each one step more than the one before it (the read.* ones: PostgreSQL's side alone). */
const STAGES: Record<string, Stage> = {
  'read.positions': copyOnly(`select e.global_position ${EVENT_ORDER}`),
  'read.events-no-content': copyOnly(
    `select e.global_position, e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.recorded_at, e.hash ${EVENT_ORDER}`,
  ),
  'read.events': (driver) => drain(driver.copyOut(LOG_COPY, LOG_PLAN)),
  'read.leaves': (driver) => drain(driver.copyOut(leavesCopy(events), LOG_PLAN)),
  // What the verification read before the two COPYs: each event with its leaf, looked up by position.
  'read.join': copyOnly(
    `select ${COPIED_SELECT}, l.leaf_index, l.event_hash from events e left join audit_leaves l on l.global_position = e.global_position
      order by e.transaction_id, e.global_position`,
    { enable_hashjoin: 'off', enable_mergejoin: 'off' },
  ),
  cut: async (driver) => {
    for await (const batch of copyRowBatches(driver.copyOut(LOG_COPY, LOG_PLAN), COPIED_COLUMNS, () => BATCH)) void batch;
  },
  link: async (driver) => {
    for await (const batch of copiedLog(driver, new Map<string, ChainEnd>(), () => BATCH, events)) void batch;
  },
  'input+columns': chainInputs(),
  'input+columns+sha': chainInputs((input) => hash('sha256', input, 'hex')),
  'hash+tree': async (driver) => {
    for await (const { job } of copiedLog(driver, new Map<string, ChainEnd>(), () => BATCH, events)) {
      job.subtree = job.fields.length === 2 * COPIED_COLUMNS * BATCH;
      hashCopiedRows(job);
    }
  },
  // The export's event lines (GET /audit/log without its header and proofs), drained.
  export: async (driver) => {
    for await (const chunk of exportLines(driver, 0, events)) void chunk;
  },
  verify: async (driver) => {
    const tree = new MerkleTreeStore(driver);
    const report = await new LogVerifier(driver, tree, signer).verifyLog();
    if (!report.intact) throw new Error(`the log is not intact: ${JSON.stringify(report.firstFailure)}`);
  },
};

/** PostgreSQL backends of this script's pool, by pid. */
const backends = async (admin: Client): Promise<number[]> =>
  (await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APPLICATION])).rows.map(
    (r) => r.pid,
  );

const measure = async (admin: Client, driver: PostgresDriver, stage: Stage) => {
  const before = cpuSecondsOf(await backends(admin));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await stage(driver);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const after = cpuSecondsOf(await backends(admin));
  let postgres = 0;
  for (const [pid, s] of after) postgres += s - (before.get(pid) ?? 0);
  return { seconds, processUs: (user + system) / events, postgresUs: (postgres * 1e6) / events };
};

const main = async () => {
  const driver = await PostgresDriver.open({ connectionString: databaseUrl, schema, applicationName: APPLICATION });
  const admin = new Client({ connectionString: databaseUrl, application_name: 'lotse-audit-stages-admin' });
  await admin.connect();
  try {
    await new SqlEventStore(driver, { schema }).init();
    const [{ n }] = await driver.query<{ n: string }>('select count(*)::text as n from events');
    if (Number(n) !== events) {
      process.stderr.write(`generating ${events} events in ${schema}\n`);
      await driver.exec('drop table if exists audit_leaves, audit_nodes, audit_tree_state, audit_checkpoints; truncate events, streams');
      await seedEvents(driver, events);
      await seedTree(driver);
    }
    await driver.exec('delete from audit_checkpoints');
    await new CheckpointSigner(new MerkleTreeStore(driver), signer).signCurrent();
    const names = process.env.AUDIT_STAGES ? process.env.AUDIT_STAGES.split(',') : Object.keys(STAGES);
    const results = new Map<string, { seconds: number; processUs: number; postgresUs: number }[]>();
    for (const name of names) await STAGES[name](driver); // warm-up: JIT, caches, connections
    for (let round = 0; round < rounds; round += 1) {
      for (const name of names) {
        const r = await measure(admin, driver, STAGES[name]);
        results.set(name, [...(results.get(name) ?? []), r]);
        process.stderr.write(`round ${round + 1} ${name}: ${r.processUs.toFixed(2)} + ${r.postgresUs.toFixed(2)} µs\n`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows = names.map((name) => {
      const rs = results.get(name)!;
      const processUs = median(rs.map((r) => r.processUs));
      const postgresUs = median(rs.map((r) => r.postgresUs));
      return [
        name,
        processUs.toFixed(2),
        postgresUs.toFixed(2),
        (processUs + postgresUs).toFixed(2),
        Math.round(events / median(rs.map((r) => r.seconds))).toLocaleString('en-US'),
      ];
    });
    process.stdout.write(
      `${renderTable(
        [
          { header: `stage (${events.toLocaleString('en-US')} events, median of ${rounds})` },
          { header: 'process µs/event', align: 'right' },
          { header: 'PostgreSQL µs/event', align: 'right' },
          { header: 'sum', align: 'right' },
          { header: 'events/s (wall)', align: 'right' },
        ],
        rows,
      )}\n`,
    );
  } finally {
    await admin.end();
    await driver.close();
  }
};

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
