/**
 * `"data":…,"metadata":…` from the content `{"data":…,"eventId":"<id>","metadata":…<tail>}`, whose
 * tail after the metadata is `,"recordedAt":…,"schemaVersion":…,"streamId":…,"type":…}` (the
 * canonical envelope's key order). This is PGlite's path; the PostgreSQL server's lines are written
 * by this process (event-line-bytes.ts).
 *
 * Fast, in one pass over the bytes each: the event id's member and the tail replaced by nothing,
 * the opening brace trimmed — right where each occurs exactly once, which the byte lengths before
 * and after tell at no cost (octet_length). Cutting by character positions (strpos, substr,
 * length) walks the UTF-8 text several times, five times slower on PGlite, so only a content
 * where either occurs again takes that way (EXACT_MEMBERS), which data can bring about only with
 * members named like the envelope's.
 */
const CONTENT_TAIL = `',"recordedAt":"' || c.recorded_at || '","schemaVersion":' || e.schema_version::text ||
        ',"streamId":' || c.stream_id || ',"type":' || c.type || '}'`;
const ID_MEMBER = `',"eventId":"' || e.event_id::text || '"'`;
const REPLACED_ONCE = `octet_length(e.content) - octet_length(r.without_id) = octet_length(${ID_MEMBER})
          and octet_length(r.without_id) - octet_length(r.without_both) = octet_length(t.tail)`;

/**
 * The exact cut: the tail from the end where the content ends in it; then the event id's member at
 * its last place, the one right before metadata (found in the reversed body, as strpos finds the
 * first), `from_end` characters from the body's end; the member with `","metadata":` is 61
 * characters, and `,"metadata":…` its last 12 and all after them. A content without that shape (a
 * row changed by hand) goes out as it is, without its brace, and fails to verify.
 */
const EXACT_MEMBERS = `(select case when x.from_end > 0
                  then substr(x.body, 2, length(x.body) - x.from_end - 61) || right(x.body, x.from_end + 11)
                  else ltrim(x.body, '{') end
            from (select b.body, strpos(reverse(b.body), reverse(${ID_MEMBER} || ',"metadata":')) as from_end
                    from (select case when right(e.content, length(t.tail)) = t.tail
                                      then left(e.content, length(e.content) - length(t.tail)) else e.content end as body) b) x)`;

const CONTENT_MEMBERS = `case when ${REPLACED_ONCE} then ltrim(r.without_both, '{') else ${EXACT_MEMBERS} end`;

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
   cross join lateral (select ${CONTENT_TAIL} as tail) t
   cross join lateral (select replace(e.content, ${ID_MEMBER}, '') as without_id) w
   cross join lateral (select w.without_id, replace(w.without_id, t.tail, '') as without_both) r
  where l.leaf_index >= ${fromLeaf} and l.leaf_index < ${toLeaf}
  order by l.leaf_index`;
