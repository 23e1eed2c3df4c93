/**
 * `npm run --silent replay -- --until <ISO time|position> --projection <name> --into <schema|file.json>` — builds a
 * read model as it was at a past moment of the log, for an investigation, beside the live one: into a schema of the
 * read-model database (a table named after the projection, and `replay_info`) or into a JSON file. The live read
 * models are not touched. The same projection code folds the log as for the live model; a progress bar on stderr.
 */
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { EventStore, SqlDriver } from '@lotse/event-store';
import { SqlLogOrder } from '@lotse/projections';
import { writeReplayFile, writeReplaySchema, SCHEMA_NAME } from '../src/audit-trail/replay/replay-output';
import { replayReadModel, ReplayUntil } from '../src/audit-trail/replay/replay-read-model';
import { loadConfig } from '../src/config/load-config';
import { openSqlDriver } from '../src/database/open-sql-driver';
import { openEventStore } from '../src/event-store/open-event-store';
import { isIsoTimestamp } from '../src/http/date-validators';
import { PROJECTIONS } from '../src/projections';
import { progressWriter } from './progress-bar';

const USAGE = 'usage: npm run --silent replay -- --until <ISO time|position> --projection <name> --into <schema|file.json>';

class UsageError extends Error {}

const untilOf = (raw: string | undefined): ReplayUntil => {
  if (raw !== undefined && /^\d{1,15}$/.test(raw)) return { position: Number(raw) };
  if (isIsoTimestamp(raw)) return { time: raw };
  throw new UsageError('--until must be a log position or an ISO 8601 time with seconds and a zone, e.g. 2026-03-01T00:00:00Z');
};

const main = async (): Promise<void> => {
  Logger.overrideLogger(['error', 'warn']);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { until: { type: 'string' }, projection: { type: 'string' }, into: { type: 'string' } },
  });
  const until = untilOf(values.until);
  const projection = PROJECTIONS.find((p) => p.name === values.projection);
  if (!projection) throw new UsageError(`--projection must name one of ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  const into = values.into ?? '';
  const toFile = into.endsWith('.json');
  if (!toFile && !SCHEMA_NAME.test(into))
    throw new UsageError('--into must be a plain schema name (a-z, 0-9, _) or a file ending in .json');

  const config = loadConfig(process.env);
  if (!toFile && config.READ_MODEL_URL?.engine === 'mongodb')
    throw new UsageError('the read models are on MongoDB: replay --into a .json file');
  let store: EventStore | undefined;
  let sql: SqlDriver | undefined;
  try {
    store = await openEventStore(config.EVENT_STORE_URL);
    // The schema goes into the database of the live read models, which unset READ_MODEL_URL puts beside the events.
    sql =
      config.EVENT_STORE_URL.engine === 'kurrentdb' && toFile ? undefined : await openSqlDriver(config.EVENT_STORE_URL, config.DATA_DIR);
    const total = sql && config.EVENT_STORE_URL.engine !== 'kurrentdb' ? await new SqlLogOrder(sql).behind(0) : Number.NaN;
    const progress = progressWriter(process.stderr);
    const replayed = await replayReadModel(store, projection, until, {
      total: 'position' in until && Number.isFinite(total) ? Math.min(total, until.position) : total,
      onProgress: (p) => progress.update(p),
    });
    const info = {
      projection: projection.name,
      until: values.until ?? '',
      position: replayed.position,
      events: replayed.events,
      replayedAt: new Date().toISOString(),
    };
    if (toFile) await writeReplayFile(into, info, replayed);
    else await writeReplaySchema(sql!, into, info, replayed);
    progress.done(
      undefined,
      `replayed ${projection.name} up to position ${replayed.position}: ${replayed.documents.size.toLocaleString('en-US')} documents ` +
        `from ${replayed.events.toLocaleString('en-US')} events into ${toFile ? into : `schema ${into}`}`,
    );
  } finally {
    await sql?.close();
    await store?.close();
  }
};

main().catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`replay: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
  process.exitCode = usage ? 2 : 1;
});
