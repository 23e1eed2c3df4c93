import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { samplePayloadJson } from './sample-event';
import { Summary, summarise } from './stats';

export interface PgbenchResult {
  clients: number;
  tps?: number;
  latency?: Summary;
  error?: string;
}

export interface PgbenchOptions {
  databaseUrl: string;
  binary: string;
  mode: 'simple' | 'extended' | 'prepared';
  seconds: number;
  clients: number[];
  cores: number;
}

/**
 * The ceiling for one durable single-row insert per transaction on this server: pgbench runs
 * a custom script against a table keyed like the event log, in a scratch schema it drops after.
 * Every client writes its own stream (`:client_id`) with a per-client counter, so no insert
 * ever conflicts and no randomness is involved.
 */
export const runPgbenchBaseline = async (
  options: PgbenchOptions,
  registerCleanup: (fn: () => Promise<void>) => void,
): Promise<PgbenchResult[]> => {
  const schema = `lotse_pgbench_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'lotse-pgbench-'));
  const admin = new Client({ connectionString: options.databaseUrl, application_name: 'lotse-bench' });
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      running?.kill('SIGINT');
      await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
      await admin.end().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    })());
  registerCleanup(cleanup);
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query(`create table ${schema}.bench_pgbench (stream text, version bigint, payload jsonb, unique (stream, version))`);
    // Base64 keeps pgbench from reading the JSON's `:name` runs as its own variables.
    const payload = Buffer.from(samplePayloadJson()).toString('base64');
    const script = join(dir, 'insert.sql');
    writeFileSync(
      script,
      [
        '\\set v :v + 1',
        `insert into ${schema}.bench_pgbench (stream, version, payload) values ('stream-' || :client_id, :v, convert_from(decode('${payload}', 'base64'), 'UTF8')::jsonb);`,
        '',
      ].join('\n'),
    );
    const results: PgbenchResult[] = [];
    for (const clients of options.clients) {
      await admin.query(`truncate ${schema}.bench_pgbench`);
      results.push(await runOnce(options, script, dir, clients));
    }
    return results;
  } catch (error) {
    return options.clients.map((clients) => ({ clients, error: (error as Error).message }));
  } finally {
    await cleanup();
  }
};

const runOnce = async (options: PgbenchOptions, script: string, dir: string, clients: number): Promise<PgbenchResult> => {
  const logPrefix = join(dir, `c${clients}`);
  const args = [
    '--no-vacuum',
    '--protocol',
    options.mode,
    '--file',
    script,
    '--define',
    'v=0',
    '--client',
    String(clients),
    '--jobs',
    String(Math.max(1, Math.min(clients, options.cores))),
    '--time',
    String(Math.round(options.seconds)),
    '--log',
    '--log-prefix',
    logPrefix,
    options.databaseUrl,
  ];
  const { code, stdout, stderr } = await exec(options.binary, args);
  const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([0-9.]+)/.exec(stdout)?.[1];
  if (code !== 0 || !tps) {
    return { clients, error: `pgbench exited ${code}: ${(stderr || stdout).trim().split('\n').slice(-2).join(' ')}` };
  }
  return { clients, tps: Number(tps), latency: readLatencies(dir, `c${clients}.`) };
};

/** pgbench --log writes one line per transaction; the third field is its latency in µs. */
const readLatencies = (dir: string, prefix: string): Summary | undefined => {
  const ms: number[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith(prefix))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 3) ms.push(Number(fields[2]) / 1000);
    }
  }
  return ms.length ? summarise(ms) : undefined;
};

/** The pgbench in flight, so an interrupted bench does not leave it inserting into a dropped schema. */
let running: ChildProcess | undefined;

const exec = (binary: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
    child.on('close', (code) => {
      running = undefined;
      resolve({ code, stdout, stderr });
    });
  });
