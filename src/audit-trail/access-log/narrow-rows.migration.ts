/**
 * Brings a log written before the rows were narrowed to their present shape, once, under the schema lock at start:
 * the people and municipalities kept beside the entry (they are in its JSON) go with their index, and the hashes turn
 * from hex text into their 32 bytes. Every entry, link and hash stays as it was, so the chain checks as before.
 * A no-op on a table created in the present shape.
 */
export const NARROW_ROWS = `
do $narrow$
begin
  if exists (
    select 1 from information_schema.columns
    where table_schema = current_schema() and table_name = 'access_log' and column_name = 'participant_ids'
  ) then
    alter table access_log
      drop column participant_ids,
      drop column municipalities,
      alter column previous_hash type bytea using decode(previous_hash, 'hex'),
      alter column hash type bytea using decode(hash, 'hex');
  end if;
end
$narrow$;
drop index if exists access_log_at;
`;
