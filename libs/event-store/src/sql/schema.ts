import type { SqlTransaction } from './sql-driver';
import { backfillContent } from './content-backfill';

/**
 * A migration: `sql`, then `run` (work SQL alone cannot do), then `after`, in one transaction.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  run?: (tx: SqlTransaction) => Promise<void>;
  after?: string;
}

/**
 * The one SQL schema that PGlite and the PostgreSQL server both run. Each migration is
 * idempotent and applied once, in order, under an advisory lock, so concurrent starts are safe.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and streams',
    sql: `
create table if not exists streams (
  stream_id  text primary key,
  version    bigint not null,
  last_hash  text not null
);

create table if not exists events (
  global_position bigint generated always as identity primary key,
  -- The writing transaction: readers only take events of transactions older than every
  -- transaction still running, so a late commit can never land behind a subscriber.
  transaction_id  xid8 not null default pg_current_xact_id(),
  stream_id       text not null,
  stream_version  bigint not null,
  event_id        uuid not null unique,
  type            text not null,
  schema_version  integer not null,
  data            jsonb not null,
  metadata        jsonb not null,
  recorded_at     timestamptz not null,
  hash            text not null,
  unique (stream_id, stream_version)
);

create index if not exists events_log_order on events (transaction_id, global_position);

`,
  },
  {
    // The log keeps the exact bytes each hash covers: a full verification hashes what it reads,
    // without turning jsonb into text and canonicalising it, and an auditor can re-hash a row by
    // hand: sha256(previous_hash || content). Old rows are backfilled from their jsonb, each checked
    // against its stored hash before the jsonb columns go (see backfillContent).
    version: 2,
    name: 'events hold their hashed content',
    sql: 'alter table events add column if not exists content text;',
    run: backfillContent,
    after: `
alter table events alter column content set not null;
alter table events drop column data, drop column metadata;
`,
  },
  {
    // Data and metadata as jsonb again, for SQL by hand (`select data ->> 'kind' from events_json`);
    // parsing costs per row, so the application's own reads take the content and parse it in Node.
    // Made once, not at every start; a migration of its own rather than part of 2, so that a database
    // that ran 2 while the view was still re-created at each start gets it too. A later migration
    // that changes a column the view names must drop and re-create it.
    version: 3,
    name: 'events_json view',
    sql: `
create or replace view events_json as
select global_position, transaction_id, stream_id, stream_version, event_id, type, schema_version,
       content::jsonb -> 'data' as data, content::jsonb -> 'metadata' as metadata, recorded_at, hash, content
  from events;
`,
  },
];

/**
 * Re-created on every start (it is `create or replace`), so a changed function reaches databases
 * whose table migrations ran long ago.
 */
export const APPEND_FUNCTION = `
-- Several appends in one statement (one round trip, one commit), in the order given, each answered
-- on its own row: a lost race ('conflict', detail = the actual version) or a partly stored retry
-- ('duplicate') is that append's answer and does not fail the others; a repeated append answers
-- 'stored' with its first result. Append i takes p_counts[i] events from p_events, each the event's
-- canonical JSON text: hashed and stored as sent, never parsed. The columns a query filters on come
-- beside it (p_ids, p_types, p_schema_versions per event, p_recorded_at per append); the full
-- verification checks each against the content, so a column changed by hand does not go unseen.
drop function if exists lotse_append_batch(text[], bigint[], integer[], text[], uuid[]);
create or replace function lotse_append_batch(p_streams text[], p_expected bigint[], p_counts integer[], p_events text[], p_ids uuid[],
                                              p_types text[], p_schema_versions integer[], p_recorded_at timestamptz[])
returns table (item integer, outcome text, next_version bigint, last_position bigint, detail text)
language plpgsql as $fn$
declare
  v_key          bigint;
  v_from         integer := 0;
  v_stream       text;
  v_expected     bigint;
  v_count        integer;
  v_i            integer;
  v_version      bigint;
  v_hash         text;
  v_text         text;
  v_position     bigint;
  v_found        integer;
  v_same         integer;
  v_old_stream   text;
  v_old_version  bigint;
  v_old_position bigint;
  v_new          boolean;
begin
  -- Writers of one stream queue on its lock. An advisory lock lives in memory: unlike SELECT … FOR
  -- UPDATE it writes nothing to the row, so the head costs one write per append, not two. All locks
  -- first, in one global order: two batches naming the same streams in another order would
  -- otherwise each hold one lock and wait for the other's.
  -- A lone stream (every single append) takes its lock without a sorting statement.
  if array_length(p_streams, 1) = 1 then
    perform pg_advisory_xact_lock(hashtextextended(p_streams[1], 0));
  else
    for v_key in select distinct hashtextextended(s, 0) as k from unnest(p_streams) as u(s) order by k loop
      perform pg_advisory_xact_lock(v_key);
    end loop;
  end if;

  for v_item in 1 .. coalesce(array_length(p_streams, 1), 0) loop
    item := v_item - 1;
    v_stream := p_streams[v_item];
    v_expected := p_expected[v_item];
    v_count := p_counts[v_item];
    outcome := null;
    next_version := null;
    last_position := null;
    detail := null;
    select s.version, s.last_hash into v_version, v_hash from streams s where s.stream_id = v_stream;
    v_new := not found;
    if v_new then
      v_version := -1;
      v_hash := '';
    end if;

    -- One primary-key probe per event: a set-based probe gets a plan cached while the table is
    -- small, and that plan scans the whole log on every later append.
    v_found := 0;
    v_same := 0;
    for v_i in v_from + 1 .. v_from + v_count loop
      select e.stream_id, e.stream_version, e.global_position into v_old_stream, v_old_version, v_old_position
        from events e where e.event_id = p_ids[v_i];
      if found then
        v_found := v_found + 1;
        if v_old_stream = v_stream then
          v_same := v_same + 1;
          next_version := greatest(next_version, v_old_version);
          last_position := greatest(last_position, v_old_position);
        end if;
      end if;
    end loop;

    if v_found > 0 and v_found = v_count and v_same = v_count then
      outcome := 'stored';
    elsif v_found > 0 then
      outcome := 'duplicate';
      next_version := null;
      last_position := null;
      detail := format('%s of %s events were already stored (%s of them in this stream)', v_found, v_count, v_same);
    elsif (v_expected >= 0 and v_version <> v_expected)
       or (v_expected = -2 and v_version >= 0)
       or (v_expected = -3 and v_version < 0) then
      outcome := 'conflict';
      detail := v_version::text;
    else
      for v_i in v_from + 1 .. v_from + v_count loop
        v_text := p_events[v_i];
        v_version := v_version + 1;
        v_hash := encode(sha256(convert_to(v_hash || v_text, 'UTF8')), 'hex');
        insert into events (stream_id, stream_version, event_id, type, schema_version, content, recorded_at, hash)
        values (v_stream, v_version, p_ids[v_i], p_types[v_i], p_schema_versions[v_i], v_text, p_recorded_at[v_item], v_hash)
        returning global_position into v_position;
      end loop;
      if v_new then
        insert into streams (stream_id, version, last_hash) values (v_stream, v_version, v_hash);
      else
        update streams set version = v_version, last_hash = v_hash where stream_id = v_stream;
      end if;
      outcome := 'ok';
      next_version := v_version;
      last_position := v_position;
    end if;
    v_from := v_from + v_count;
    return next;
  end loop;
end
$fn$;
`;

export const MIGRATION_TABLE = `
create table if not exists schema_migrations (
  version    integer primary key,
  name       text not null,
  applied_at timestamptz not null default now()
)`;

/** Expected-version codes as the append function takes them. */
export const EXPECTED_CODES = { any: -1, no_stream: -2, stream_exists: -3 } as const;

/**
 * The events table's columns as the store reads them, optionally qualified by a table alias (`e.`).
 * Column list shared by every read so all reads map rows the same way. Its aliases shadow the
 * real columns in ORDER BY, so every ORDER BY must name `events.<column>` to sort by value, not text.
 * The envelope (event id, type, schema version, data, metadata, recorded at) is served from the
 * content, the bytes the hash covers; the other columns only find and order the rows.
 */
export const eventColumns = (alias = ''): string => {
  const a = alias ? `${alias}.` : '';
  return `
  ${a}global_position::text as global_position, ${a}transaction_id::text as transaction_id, ${a}stream_id,
  ${a}stream_version::text as stream_version, ${a}content, ${a}hash`;
};

export const EVENT_COLUMNS = eventColumns();
