/** Entries per batch row the migration makes of an old log: the recorder's batch size. */
const ENTRIES_PER_BATCH = 500;

/**
 * Moves a log of a row per entry (`access_log`, after NARROW_ROWS) into batch rows, once, under the schema lock at
 * start, and drops the old table. Every entry keeps its seq, JSON, link and hash, so the chain checks as before and
 * goes on from the head row, which stays as it was. Runs of consecutive seqs become batches of up to
 * ${ENTRIES_PER_BATCH} (a gap in the seqs, from a purge or a sequence value a failed insert used, starts a new
 * batch). A no-op where there is no such table.
 */
export const BATCH_ROWS = `
do $batches$
begin
  if exists (select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'access_log') then
    insert into access_log_batch (first_seq, last_seq, at_from, at_to, subs, participant_ids, entries)
    select grouped.first_seq, grouped.last_seq, grouped.at_from, grouped.at_to, grouped.subs,
           (select coalesce(jsonb_agg(distinct p.id), '[]')
            from json_array_elements(grouped.entries) e, json_array_elements_text(e->'entry'->'participantIds') p(id)),
           grouped.entries
    from (
      select min(seq) as first_seq, max(seq) as last_seq, min(at) as at_from, max(at) as at_to, jsonb_agg(distinct sub) as subs,
             json_agg(json_build_object('seq', seq, 'entry', entry, 'previousHash', encode(previous_hash, 'hex'),
                                        'hash', encode(hash, 'hex')) order by seq) as entries
      from (
        select *, (row_number() over (partition by run order by seq) - 1) / ${ENTRIES_PER_BATCH} as chunk
        from (select *, seq - row_number() over (order by seq) as run from access_log) numbered
      ) chunked
      group by run, chunk
    ) grouped;
    drop table access_log;
  end if;
end
$batches$
`;
