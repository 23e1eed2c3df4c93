/**
 * `"data":…,"metadata":…` from the content `{"data":…,"eventId":"<id>","metadata":…<tail>}`, whose
 * tail after the metadata is `,"recordedAt":…,"schemaVersion":…,"streamId":…,"type":…}` (the
 * canonical envelope's key order): the event id's member and the tail replaced by nothing, the
 * opening brace trimmed. Replacing is one pass over the bytes; cutting by character positions
 * (strpos, substr, length) walked the UTF-8 text several times and halved the export's rate.
 */
const CONTENT_TAIL = `',"recordedAt":"' || c.recorded_at || '","schemaVersion":' || e.schema_version::text ||
        ',"streamId":' || c.stream_id || ',"type":' || c.type || '}'`;
const CONTENT_MEMBERS = `ltrim(replace(replace(e.content, ',"eventId":"' || e.event_id::text || '"', ''), ${CONTENT_TAIL}, ''), '{')`;

/**
 * For a driver without COPY (PGlite, see queriedLines; the PostgreSQL server sends the columns and
 * this process writes the line, see writeEventLine): the database writes each event line of the
 * export format (see ExportEvent) itself: its JSON
 * escaping (to_json) is JSON.stringify's, and data and metadata go out as the stored content's own
 * bytes, unparsed (see CONTENT_MEMBERS). The line comes in two pieces, head and tail (newline
 * included), around the previous hash, which this process fills in (see PreviousHashes): looking it
 * up per row costs the database more than the rest of the line, remembering it here almost nothing.
 * Columns, in order: stream_id, stream_version (text), hash, head, tail.
 */
export const eventLinesSql = (fromLeaf: string, toLeaf: string): string => `select e.stream_id, e.stream_version::text, e.hash,
        '{"kind":"event","leafIndex":' || l.leaf_index::text || ',"position":' || e.global_position::text ||
        ',"streamId":' || c.stream_id || ',"streamVersion":' || e.stream_version::text ||
        ',"eventId":"' || e.event_id::text || '","type":' || c.type || ',"schemaVersion":' || e.schema_version::text ||
        ',"recordedAt":"' || c.recorded_at || '","previousHash":' as head,
        ',"hash":' || to_json(e.hash)::text || ',' || ${CONTENT_MEMBERS} || E'}\\n' as tail
   from audit_leaves l
   join events e on e.global_position = l.global_position
   cross join lateral (select to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at,
                              to_json(e.stream_id)::text as stream_id, to_json(e.type)::text as type) c
  where l.leaf_index >= ${fromLeaf} and l.leaf_index < ${toLeaf}
  order by l.leaf_index`;
