import { GENESIS_HASH } from '@lotse/event-store';
import { BATCH_ROWS } from './batch-rows.migration';
import { NARROW_ROWS } from './narrow-rows.migration';

/**
 * A row per batch, not per entry: PostgreSQL's cost per entry was its own row, three index entries and their WAL
 * (about 30 µs of backend CPU per read logged); a batch row costs one row, one entry per index and one commit for the
 * whole batch. `entries` holds the batch's entries in order, each as `{ seq, entry, previousHash, hash }`, so each is
 * still chained to the one before and checked on its own; it is `json`, kept as the text written (no parse into
 * jsonb on the write path, which happens for every batch, while the column is read only by the rarer queries and the
 * chain check), compressed with lz4 where the server has it (cheaper than the default pglz). Beside it, what the
 * queries find a batch by: the span of its seqs and times, and the subs and people it holds, each with an index (BRIN
 * on the times: batches arrive in time order; GIN on the subs and the people). A query finds the batches, then
 * unnests their entries and filters them exactly.
 */
const BATCH_TABLE = `
create table if not exists access_log_batch (
  first_seq       bigint primary key,
  last_seq        bigint not null,
  at_from         timestamptz not null,
  at_to           timestamptz not null,
  subs            jsonb not null,
  participant_ids jsonb not null,
  entries         json not null
);
do $lz4$
begin
  if (select attcompression from pg_attribute where attrelid = 'access_log_batch'::regclass and attname = 'entries') <> 'l' then
    alter table access_log_batch alter column entries set compression lz4;
  end if;
exception when feature_not_supported then
  null; -- a server built without lz4 (PGlite) keeps the default
end
$lz4$;
create index if not exists access_log_batch_at_range on access_log_batch using brin (at_from, at_to) with (autosummarize = on);
create index if not exists access_log_batch_subs on access_log_batch using gin (subs jsonb_path_ops);
create index if not exists access_log_batch_participants on access_log_batch using gin (participant_ids jsonb_path_ops);
create table if not exists access_log_head (
  id   integer primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);
`;

/**
 * The head row exists from the start, so an append only ever updates it (under its row lock) and never races to
 * create it. A log written before the head row was seeded goes on from its last entry.
 */
export const SEED_HEAD = `
insert into access_log_head (id, seq, hash)
select 1, coalesce(max(last_seq), 0),
       coalesce((select entries->-1->>'hash' from access_log_batch order by first_seq desc limit 1), '${GENESIS_HASH}')
from access_log_batch
on conflict (id) do nothing
`;

/**
 * Everything the store needs, in order: the batch table, then a log of a row per entry (the shapes before) narrowed
 * and moved into it, then the head row.
 */
export const ACCESS_LOG_SCHEMA = `${BATCH_TABLE};\n${NARROW_ROWS};\n${BATCH_ROWS};\n${SEED_HEAD}`;
