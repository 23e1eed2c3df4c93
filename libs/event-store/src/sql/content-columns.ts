import { canonicalJson } from '../canonical-json';

/**
 * The columns besides the content that queries filter on, as `checkedColumns()` selects them;
 * recorded_at to the microsecond, which the column keeps and the content's milliseconds may not.
 */
export interface CheckedColumns {
  stream_id: string;
  event_id: string;
  type: string;
  schema_version: number;
  recorded_at_us: string;
}

/** The columns `contentAgreesWithColumns` compares, optionally qualified by a table alias (`e.`). */
export const checkedColumns = (alias = ''): string => {
  const a = alias ? `${alias}.` : '';
  return `${a}event_id::text as event_id, ${a}type, ${a}schema_version,
  to_char(${a}recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at_us`;
};

/**
 * Whether the columns say what the hashed content says (the string twin of columnsAgreeWithContent):
 * the canonical envelope ends in `,"recordedAt":…,"schemaVersion":…,"streamId":…,"type":…}`, in
 * its fixed key order, and holds `,"eventId":"…","metadata":` before that. A column changed by hand
 * fails here while the event's hash still holds.
 */
export const contentAgreesWithColumns = (content: string, c: CheckedColumns): boolean => {
  // Microseconds as to_char prints them: a recorded_at between two milliseconds is not the content's.
  if (!c.recorded_at_us.endsWith('000Z')) return false;
  const tail =
    `,"recordedAt":"${c.recorded_at_us.slice(0, -4)}Z","schemaVersion":${canonicalJson(c.schema_version)},` +
    `"streamId":${JSON.stringify(c.stream_id)},"type":${JSON.stringify(c.type)}}`;
  if (!content.startsWith('{"data":') || !content.endsWith(tail)) return false;
  const mark = `,"eventId":"${c.event_id}","metadata":`;
  const at = content.indexOf(mark);
  return at >= 0 && at + mark.length <= content.length - tail.length;
};
