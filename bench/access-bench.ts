import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FromAccessServer } from './access-server';
import { BenchConfig } from './config';
import { dropSchema, scratchSchemaName } from './scratch';
import { formatRate, renderTable } from './table';

/** Reads with the access log must keep at least this share of the reads without it. */
export const ACCESS_TARGET_RATIO = 0.9;
const ROUNDS = 2;

export interface AccessResult {
  without: number[];
  with: number[];
  where: string;
  error?: string;
}

const fire = (url: string, connections: number, seconds: number, token: string, ids: string[]): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    let next = 0;
    autocannon(
      {
        url,
        connections,
        duration: seconds,
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
    execArgv: ['-r', '@swc-node/register'],
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
  const result: AccessResult = { without: [], with: [], where: 'PostgreSQL server' };
  try {
    const ready = await next();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : 'unexpected message');
    const base = `http://127.0.0.1:${ready.port}`;
    await fire(base, config.httpConnections, config.httpWarmup || 1, ready.token, ready.participantIds);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const logging of [false, true]) {
        child.send({ logging });
        await next();
        const run = await fire(base, config.httpConnections, config.seconds, ready.token, ready.participantIds);
        (logging ? result.with : result.without).push(run['2xx'] / config.seconds);
      }
    }
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await cleanup();
  }
  return result;
};

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

export const accessReport = (config: BenchConfig, r: AccessResult): { text: string; misses: string[] } => {
  const without = mean(r.without);
  const withLog = mean(r.with);
  const ratio = without > 0 ? withLog / without : 0;
  const ok = ratio >= ACCESS_TARGET_RATIO;
  const table = renderTable(
    [
      { header: `access log (${r.where})` },
      { header: 'reads/s', align: 'right' },
      { header: 'rounds', align: 'right' },
      { header: 'share', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'ok?' },
    ],
    [
      [
        'GET /participants/:id without the access log',
        formatRate(without),
        r.without.map((v) => formatRate(v)).join(' / '),
        '100%',
        '',
        '',
      ],
      [
        'GET /participants/:id with the access log',
        formatRate(withLog),
        r.with.map((v) => formatRate(v)).join(' / '),
        `${(ratio * 100).toFixed(0)}%`,
        `≥ ${ACCESS_TARGET_RATIO * 100}%`,
        ok ? 'yes' : 'MISS',
      ],
    ],
  );
  const notes = [
    `note: the real app in a child process, autocannon with ${config.httpConnections} connections, ${config.seconds} s per row, rows alternating`,
    `      without / with the log (${ROUNDS} rounds, the mean shown); a coach reads one of 50 participants with names; the log buffers`,
    '      entries and writes them in one insert every 20 ms or 500 entries, hash-chained.',
    ...(r.error ? [`access: ERROR ${r.error}`] : []),
  ];
  return {
    text: [table, '', ...notes].join('\n'),
    misses: ok && !r.error ? [] : [`access: reads with the access log at ${(ratio * 100).toFixed(0)}% of without`],
  };
};
