/**
 * The one SQL schema that PGlite and the PostgreSQL server both run. Each migration is
 * idempotent and applied once, in order, under an advisory lock, so concurrent starts are safe.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
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
];

/**
 * Re-created on every start (it is `create or replace`), so a changed function reaches databases
 * whose table migrations ran long ago.
 */
export const APPEND_FUNCTION = `
-- One round trip per append: lock the stream head, answer a retry with its first result,
-- check the expected version, chain and insert the events, move the head.
create or replace function lotse_append(p_stream text, p_expected bigint, p_events text)
returns table (next_version bigint, last_position bigint)
language plpgsql as $fn$
declare
  v_events       jsonb := p_events::jsonb;
  v_texts        text[];
  v_docs         jsonb[];
  v_i            integer;
  v_count        integer;
  v_version      bigint;
  v_hash         text;
  v_event        jsonb;
  v_position     bigint;
  v_found        integer := 0;
  v_same         integer := 0;
  v_old_stream   text;
  v_old_version  bigint;
  v_old_position bigint;
  v_new          boolean;
begin
  -- Each element is the event's canonical JSON text: hashed as sent, parsed once for its columns.
  select array_agg(t order by n), array_agg(t::jsonb order by n) into v_texts, v_docs
    from jsonb_array_elements_text(v_events) with ordinality as e(t, n);
  v_count := array_length(v_texts, 1);
  -- Writers of one stream queue here. An advisory lock lives in memory: unlike SELECT … FOR UPDATE
  -- it writes nothing to the row, so the head costs one write per append, not two.
  perform pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  select s.version, s.last_hash into v_version, v_hash from streams s where s.stream_id = p_stream;
  v_new := not found;
  if v_new then
    v_version := -1;
    v_hash := '';
  end if;

  -- One primary-key probe per event: a set-based probe gets a plan cached while the table is
  -- small, and that plan scans the whole log on every later append.
  foreach v_event in array v_docs loop
    select e.stream_id, e.stream_version, e.global_position into v_old_stream, v_old_version, v_old_position
      from events e where e.event_id = (v_event ->> 'eventId')::uuid;
    if found then
      v_found := v_found + 1;
      if v_old_stream = p_stream then
        v_same := v_same + 1;
        next_version := greatest(next_version, v_old_version);
        last_position := greatest(last_position, v_old_position);
      end if;
    end if;
  end loop;
  if v_found > 0 then
    if v_found = v_count and v_same = v_count then
      return next;
      return;
    end if;
    raise exception using errcode = 'LT002',
      message = format('%s of %s events were already stored (%s of them in this stream)', v_found, v_count, v_same);
  end if;

  if (p_expected >= 0 and v_version <> p_expected)
     or (p_expected = -2 and v_version >= 0)
     or (p_expected = -3 and v_version < 0) then
    raise exception using errcode = 'LT001', message = v_version::text;
  end if;

  for v_i in 1 .. v_count loop
    v_event := v_docs[v_i];
    v_version := v_version + 1;
    v_hash := encode(sha256(convert_to(v_hash || v_texts[v_i], 'UTF8')), 'hex');
    insert into events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
    values (p_stream, v_version, (v_event ->> 'eventId')::uuid, v_event ->> 'type', (v_event ->> 'schemaVersion')::integer,
            v_event -> 'data', v_event -> 'metadata', (v_event ->> 'recordedAt')::timestamptz, v_hash)
    returning global_position into v_position;
  end loop;

  if v_new then
    insert into streams (stream_id, version, last_hash) values (p_stream, v_version, v_hash);
  else
    update streams set version = v_version, last_hash = v_hash where stream_id = p_stream;
  end if;
  next_version := v_version;
  last_position := v_position;
  return next;
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
 * Column list shared by every read so all reads map rows the same way. Its aliases shadow the
 * real columns in ORDER BY, so every ORDER BY must name `events.<column>` to sort by value, not text.
 */
export const EVENT_COLUMNS = `
  global_position::text as global_position, transaction_id::text as transaction_id, stream_id,
  stream_version::text as stream_version, event_id::text as event_id, type, schema_version, data, metadata,
  to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, hash`;
