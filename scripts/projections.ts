/**
 * `npm run --silent projections -- status` — each read model's checkpoint and how many events
 * it is behind the log.
 * `npm run --silent projections -- rebuild [name]` — rebuilds one read model (or all) beside
 * the live one, with a progress bar, and swaps it in once caught up. Safe while the service
 * runs on a PostgreSQL or MongoDB read-model store. The embedded database can only be open in
 * one process: when the service holds it, this says to use the admin route instead.
 */
import { parseArgs } from 'node:util';
import { Logger, LoggerService } from '@nestjs/common';
import { EmbeddedDatabaseInUseError, EventStore, SqlDriver } from '@lotse/event-store';
import { Projection, rebuildProjection, RebuildProgress } from '@lotse/projections';
import { loadConfig } from '../src/config/load-config';
import { mongoSideStoreUrl } from '../src/database/open-side-store';
import { openSqlDriver } from '../src/database/open-sql-driver';
import { openEventStore } from '../src/event-store/open-event-store';
import { openReadModels, ReadModelBackend } from '../src/read-models/open-read-models';
import { PROJECTIONS } from '../src/projections';
import { progressWriter } from './progress-bar';

const USAGE = 'usage: npm run --silent projections -- status | rebuild [name]';

class UsageError extends Error {}

const toStderr = (message: unknown): void => void process.stderr.write(`projections: ${String(message)}\n`);
const stderrLogger: LoggerService = { log: () => undefined, warn: toStderr, error: toStderr };

const table = (rows: string[][]): string => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
};

const status = async (backend: ReadModelBackend): Promise<void> => {
  for (const projection of PROJECTIONS) await backend.readModels.init(projection);
  const rows = [['projection', 'position', 'behind (events)']];
  for (const projection of PROJECTIONS) {
    const position = await backend.readModels.checkpoint(projection.name);
    const behind = await backend.logOrder.behind(position);
    rows.push([projection.name, String(position), Number.isNaN(behind) ? 'unknown' : behind.toLocaleString('en-US')]);
  }
  process.stdout.write(`${table(rows)}\n`);
};

const rebuild = async (store: EventStore, backend: ReadModelBackend, projections: readonly Projection[]): Promise<void> => {
  for (const projection of projections) {
    const progress = progressWriter(process.stderr);
    let last: RebuildProgress | undefined;
    await backend.readModels.init(projection);
    const result = await rebuildProjection({
      store,
      readModels: backend.readModels,
      projection,
      logOrder: backend.logOrder,
      election: backend.election,
      onProgress: (p) => {
        last = p;
        progress.update(p);
      },
    });
    progress.done(
      last,
      `rebuilt ${projection.name}: ${result.events.toLocaleString('en-US')} events in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.events / Math.max(result.seconds, 0.001)).toLocaleString('en-US')} events/s), swapped in at position ${result.position}`,
    );
  }
};

const main = async (): Promise<void> => {
  // stdout is the answer (status is meant to be piped); the stores' warnings go to stderr, their open/close notes nowhere.
  Logger.overrideLogger(stderrLogger);
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
  const [command, name, ...rest] = positionals;
  if (!['status', 'rebuild'].includes(command ?? '') || rest.length > 0 || (command === 'status' && name))
    throw new UsageError('unknown command');
  const chosen = name ? PROJECTIONS.filter((p) => p.name === name) : PROJECTIONS;
  if (chosen.length === 0) throw new UsageError(`no projection named ${name}; there are ${PROJECTIONS.map((p) => p.name).join(', ')}`);

  const config = loadConfig(process.env);
  let store: EventStore | undefined;
  let sideTables: SqlDriver | undefined;
  let backend: ReadModelBackend | undefined;
  try {
    // Started beside the database (a deploy step, a rebooted host), it waits for it as the service does.
    store = await openEventStore(config.EVENT_STORE_URL, config.STARTUP_TIMEOUT_MS);
    // Beside KurrentDB with the read models on MongoDB there is no side-table database to open.
    if (!mongoSideStoreUrl(config.EVENT_STORE_URL, config.READ_MODEL_URL))
      sideTables = await openSqlDriver(config.EVENT_STORE_URL, config.DATA_DIR);
    backend = await openReadModels(config.READ_MODEL_URL, config.EVENT_STORE_URL, sideTables);
    if (command === 'status') await status(backend);
    else await rebuild(store, backend, chosen);
  } finally {
    await backend?.election.close();
    await backend?.readModels.close();
    await sideTables?.close();
    await store?.close();
  }
};

const inUse = (error: unknown): EmbeddedDatabaseInUseError | undefined => {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof EmbeddedDatabaseInUseError) return e;
  return undefined;
};

main().catch((error: unknown) => {
  const embedded = inUse(error);
  if (embedded) {
    process.stderr.write(
      `projections: the service is running on the embedded database in ${embedded.dir} (process ${embedded.pid}), ` +
        'and PGlite must never be opened twice. Use the running service instead: GET /admin/projections for the status, ' +
        'POST /admin/projections/<name>/rebuild to rebuild (admin token); or stop the service first.\n',
    );
    process.exitCode = 1;
    return;
  }
  const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`projections: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
  process.exitCode = usage ? 2 : 1;
});
