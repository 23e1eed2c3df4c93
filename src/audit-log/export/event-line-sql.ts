/**
 * The database writes each event line of the export format (see ExportEvent) itself: its JSON
 * escaping (to_json) is JSON.stringify's, and data and metadata go out as the jsonb text, unparsed.
 * The line comes in two pieces, head and tail (newline included), around the previous hash, which
 * this process fills in (see PreviousHashes): looking it up per row costs the database more than
 * the rest of the line, remembering it here almost nothing. Columns, in order: stream_id,
 * stream_version (text), hash, head, tail.
 */
export const eventLinesSql = (fromLeaf: string, toLeaf: string): string => `select e.stream_id, e.stream_version::text, e.hash,
        '{"kind":"event","leafIndex":' || l.leaf_index::text || ',"position":' || e.global_position::text ||
        ',"streamId":' || to_json(e.stream_id)::text || ',"streamVersion":' || e.stream_version::text ||
        ',"eventId":"' || e.event_id::text || '","type":' || to_json(e.type)::text || ',"schemaVersion":' || e.schema_version::text ||
        ',"recordedAt":"' || to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","previousHash":' as head,
        ',"hash":' || to_json(e.hash)::text || ',"data":' || e.data::text || ',"metadata":' || e.metadata::text || E'}\\n' as tail
   from audit_leaves l
   join events e on e.global_position = l.global_position
  where l.leaf_index >= ${fromLeaf} and l.leaf_index < ${toLeaf}
  order by l.leaf_index`;
