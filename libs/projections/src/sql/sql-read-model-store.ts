import { applySchema, SqlDriver, SqlTransaction, StoredEvent } from '@lotse/event-store';
import { foldBatch, LoadedDocument, touchedIds } from '../fold-batch';
import { Projection, versionOf } from '../projection';
import { ApplyResult, CheckpointMovedError, ReadModelPage, ReadModelQuery, ReadModelStore, rebuildName } from '../read-model-store';
import { field } from '../query-fields';
import { sqlOrderBy, sqlWhere } from './sql-query';

const CHECKPOINTS = `
create table if not exists projection_checkpoints (
  name       text primary key,
  position   bigint not null,
  updated_at timestamptz not null default now()
);
alter table projection_checkpoints add column if not exists version integer not null default 1`;

/** Projection names become table names; only plain identifiers pass. */
const table = (name: string): string => `"${tableName(name)}"`;
const tableName = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(name)) throw new Error(`invalid projection name ${JSON.stringify(name)}`);
  return `rm_${name}`;
};
const indexName = (name: string, i: number): string => `${tableName(name)}_i${i}`;

/**
 * Read models on PostgreSQL (PGlite or server): one table of jsonb documents per projection
 * and one checkpoint row each, both written in the same transaction, so a crash before commit
 * leaves documents and checkpoint as they were and the batch is simply read again.
 */
export class SqlReadModelStore implements ReadModelStore {
  /** `ownsDriver`: close it with the store; false when the driver is shared (the app's database). */
  constructor(
    private readonly driver: SqlDriver,
    private readonly options: { ownsDriver?: boolean } = {},
  ) {}

  async init(projection: Projection): Promise<void> {
    await applySchema(this.driver, this.tableDdl(projection.name, projection.indexes ?? []));
    await this.driver.query(
      'insert into projection_checkpoints (name, position, version) values ($1, 0, $2) on conflict (name) do nothing',
      [projection.name, versionOf(projection)],
    );
  }

  /** The projection's table, its indexes and the checkpoints table, each created if missing. */
  private tableDdl(name: string, indexes: readonly (readonly string[])[]): string {
    const indexDdl = indexes.map(
      (fields, i) =>
        `create index if not exists "${indexName(name, i)}" on ${table(name)} (${fields.map((f) => `(doc->>'${field(f)}')`).join(', ')})`,
    );
    return [
      CHECKPOINTS,
      `create table if not exists ${table(name)} (id text primary key, doc jsonb not null, position bigint not null)`,
      ...indexDdl,
    ].join(';\n');
  }

  async checkpoint(name: string): Promise<number> {
    const [row] = await this.driver.query<{ position: string }>('select position::text from projection_checkpoints where name = $1', [
      name,
    ]);
    return row ? Number(row.position) : 0;
  }

  async builtWith(name: string): Promise<number> {
    const [row] = await this.driver.query<{ version: number }>('select version from projection_checkpoints where name = $1', [name]);
    return row?.version ?? 1;
  }

  applyBatch(projection: Projection, events: readonly StoredEvent[], after: number): Promise<ApplyResult> {
    return this.driver.transaction(async (tx) => {
      // The row lock queues a second runner (and a swap) behind this one, so it sees the moved checkpoint.
      const [row] = await tx.query<{ position: string }>('select position::text from projection_checkpoints where name = $1 for update', [
        projection.name,
      ]);
      const stored = row ? Number(row.position) : 0;
      let start = 0;
      if (stored !== after) {
        const index = events.findIndex((e) => e.globalPosition === stored);
        if (index < 0) throw new CheckpointMovedError(projection.name, after, stored);
        start = index + 1;
      }
      const todo = events.slice(start);
      const result = await this.applyInOrder(tx, projection, todo);
      return { ...result, position: result.position ?? stored, skipped: start };
    });
  }

  /** Loads the touched documents once, folds the events in memory, writes each changed one once. */
  private async applyInOrder(tx: SqlTransaction, projection: Projection, events: readonly StoredEvent[]) {
    const loaded = new Map<string, LoadedDocument>();
    const ids = touchedIds(projection, events);
    if (ids.length > 0) {
      const rows = await tx.query<{ id: string; doc: unknown }>(
        `select id, doc from ${table(projection.name)} where id in (select jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(ids)],
      );
      for (const r of rows) loaded.set(r.id, { doc: r.doc });
    }
    const { changed, position, applied, failure } = foldBatch(projection, events, loaded);
    await this.write(tx, projection.name, changed, position);
    return { position, applied, failure };
  }

  /** The changed documents and the checkpoint (when `position` moved it), the upserts and the checkpoint in one statement. */
  private async write(tx: SqlTransaction, name: string, changed: { id: string; doc: unknown; position: number }[], position?: number) {
    const kept = changed.filter((c) => c.doc !== undefined);
    const gone = changed.filter((c) => c.doc === undefined).map((c) => c.id);
    if (gone.length > 0) {
      await tx.query(`delete from ${table(name)} where id in (select jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(gone)]);
    }
    const checkpoint = 'update projection_checkpoints set position = $2, updated_at = now() where name = $1';
    if (kept.length === 0) {
      if (position !== undefined) await tx.query(checkpoint, [name, position]);
      return;
    }
    // A data-modifying WITH runs whether or not the statement reads it: one round trip for both.
    await tx.query(
      `with upserted as (
         insert into ${table(name)} (id, doc, position)
           select x.id, x.doc, x.position from jsonb_to_recordset($3::jsonb) as x(id text, doc jsonb, position bigint)
         on conflict (id) do update set doc = excluded.doc, position = excluded.position
       )
       ${checkpoint} and $2::bigint is not null`,
      [name, position ?? null, JSON.stringify(kept)],
    );
  }

  async get<Document>(name: string, id: string): Promise<Document | undefined> {
    const [row] = await this.driver.query<{ doc: Document }>(`select doc from ${table(name)} where id = $1`, [id]);
    return row?.doc;
  }

  async all<Document>(name: string): Promise<Map<string, Document>> {
    const rows = await this.driver.query<{ id: string; doc: Document }>(`select id, doc from ${table(name)} order by id`);
    return new Map(rows.map((r) => [r.id, r.doc]));
  }

  async find<Document>(name: string, query: ReadModelQuery): Promise<ReadModelPage<Document>> {
    const { sql: where, params } = sqlWhere(query.where ?? {});
    const omit = (query.omit ?? []).map((f) => ` - '${field(f)}'`).join('');
    const page = [...params, query.limit ?? null, query.offset ?? 0];
    // One statement, so the page and its total come from the same snapshot.
    const rows = await this.driver.query<{ doc: Document; total: string }>(
      `select doc${omit} as doc, count(*) over ()::text as total from ${table(name)} ${where}
        order by ${sqlOrderBy(query.orderBy ?? [])} limit $${params.length + 1} offset $${params.length + 2}`,
      page,
    );
    if (rows.length > 0) return { items: rows.map((r) => r.doc), total: Number(rows[0].total) };
    // An empty page (past the end, or a limit of 0) still tells how many there are.
    const [count] = await this.driver.query<{ total: string }>(`select count(*)::text as total from ${table(name)} ${where}`, params);
    return { items: [], total: Number(count.total) };
  }

  async reset(name: string): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.exec(`truncate ${table(name)}`);
      await tx.query('update projection_checkpoints set position = 0, updated_at = now() where name = $1', [name]);
    });
  }

  async prepareRebuild(projection: Projection): Promise<Projection> {
    const shadow: Projection = { ...projection, name: rebuildName(projection.name) };
    await this.driver.transaction(async (tx) => {
      await tx.exec(`drop table if exists ${table(shadow.name)}`);
      await tx.exec(this.tableDdl(shadow.name, projection.indexes ?? []));
      await tx.query(
        `insert into projection_checkpoints (name, position, version) values ($1, 0, $2)
        on conflict (name) do update set position = 0, version = excluded.version, updated_at = now()`,
        [shadow.name, versionOf(projection)],
      );
    });
    return shadow;
  }

  swapIn(projection: Projection, liveAt: number): Promise<boolean> {
    const live = projection.name;
    const shadow = rebuildName(live);
    return this.driver.transaction(async (tx) => {
      // Taken in the order the live runner takes them: its next batch waits for this swap, then finds the checkpoint moved.
      const [liveRow] = await tx.query<{ position: string }>(
        'select position::text from projection_checkpoints where name = $1 for update',
        [live],
      );
      const [shadowRow] = await tx.query<{ position: string; version: number }>(
        'select position::text, version from projection_checkpoints where name = $1 for update',
        [shadow],
      );
      if (!shadowRow) throw new Error(`no rebuild of ${live} in progress`);
      const rebuilt = Number(shadowRow.position);
      if (Number(liveRow?.position ?? 0) !== liveAt) return false;
      await tx.exec(`drop table if exists ${table(live)};
        alter table ${table(shadow)} rename to "${tableName(live)}";
        ${(projection.indexes ?? []).map((_, i) => `alter index "${indexName(shadow, i)}" rename to "${indexName(live, i)}"`).join(';\n')}`);
      await tx.query(
        `insert into projection_checkpoints (name, position, version) values ($1, $2, $3)
        on conflict (name) do update set position = excluded.position, version = excluded.version, updated_at = now()`,
        [live, rebuilt, shadowRow.version],
      );
      await tx.query('delete from projection_checkpoints where name = $1', [shadow]);
      return true;
    });
  }

  async close(): Promise<void> {
    if (this.options.ownsDriver) await this.driver.close();
  }
}
