import { writeFile } from 'node:fs/promises';
import type { SqlDriver } from '@lotse/event-store';
import { ReplayedReadModel } from './replay-read-model';

/** What a replayed read model says of itself, in the file or the schema's `replay_info` table. */
export interface ReplayInfo {
  projection: string;
  until: string;
  position: number;
  events: number;
  replayedAt: string;
}

/** A JSON file: the replay's facts and every document by id. */
export const writeReplayFile = async (path: string, info: ReplayInfo, replayed: ReplayedReadModel): Promise<void> => {
  await writeFile(path, `${JSON.stringify({ ...info, documents: Object.fromEntries(replayed.documents) }, null, 2)}\n`, { flag: 'wx' });
};

/** Only plain identifiers name a schema or a table: both are pasted into SQL. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A schema beside the live read models: one table named after the projection (`id`, `doc` as jsonb, like the live
 * one's documents) and `replay_info`. An existing table of that name is refused, so a replay never overwrites one.
 */
export const writeReplaySchema = async (sql: SqlDriver, schema: string, info: ReplayInfo, replayed: ReplayedReadModel): Promise<void> => {
  if (!SCHEMA_NAME.test(schema) || !SCHEMA_NAME.test(info.projection)) throw new Error(`not a plain schema name: ${schema}`);
  const table = `"${schema}"."${info.projection}"`;
  await sql.transaction(async (tx) => {
    await tx.exec(`create schema if not exists "${schema}"`);
    await tx.exec(`create table ${table} (id text primary key, doc jsonb not null)`);
    await tx.exec(`create table if not exists "${schema}".replay_info (projection text primary key, info jsonb not null)`);
    const entries = [...replayed.documents.entries()];
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500);
      await tx.query(
        `insert into ${table} (id, doc) values ${chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2}::jsonb)`).join(', ')}`,
        chunk.flatMap(([id, doc]) => [id, JSON.stringify(doc)]),
      );
    }
    await tx.query(`insert into "${schema}".replay_info (projection, info) values ($1, $2::jsonb)`, [
      info.projection,
      JSON.stringify(info),
    ]);
  });
};
