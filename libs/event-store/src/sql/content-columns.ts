import { canonicalJson } from '../canonical-json';
import { CodeAt, ENVELOPE_START, EVENT_ID_KEY, eventIdMemberStart, TAIL_PIECES, TailWriter, writeTail } from './envelope-layout';

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

/** The tail as text: the columns as the content writes them (to_char's microseconds cut to milliseconds). */
const TEXT_TAIL: TailWriter<{ text: string }, CheckedColumns> = {
  piece: (out, index) => (out.text += TAIL_PIECES[index]),
  recordedAt: (out, c) => (out.text += `${c.recorded_at_us.slice(0, -4)}Z`),
  schemaVersion: (out, c) => (out.text += canonicalJson(c.schema_version)),
  streamId: (out, c) => (out.text += JSON.stringify(c.stream_id)),
  type: (out, c) => (out.text += JSON.stringify(c.type)),
};

const textTail = { text: '' };
const charCodeAt: CodeAt<string> = (s, i) => s.charCodeAt(i);

/**
 * Whether the columns say what the hashed content says (the text twin of columnsAgreeWithContent):
 * the content ends in the tail the columns make, and its event id member, found back from there
 * (see eventIdMemberStart), holds the event id column. A column changed by hand fails here while
 * the event's hash still holds.
 */
export const contentAgreesWithColumns = (content: string, c: CheckedColumns): boolean => {
  // Microseconds as to_char prints them: a recorded_at between two milliseconds is not the content's.
  if (!c.recorded_at_us.endsWith('000Z') || !content.startsWith(ENVELOPE_START)) return false;
  textTail.text = '';
  writeTail(TEXT_TAIL, textTail, c);
  const tailStart = content.length - textTail.text.length;
  if (tailStart <= ENVELOPE_START.length || !content.endsWith(textTail.text)) return false;
  const member = eventIdMemberStart(content, charCodeAt, ENVELOPE_START.length, tailStart);
  return member >= 0 && content.startsWith(EVENT_ID_KEY, member) && content.startsWith(c.event_id, member + EVENT_ID_KEY.length);
};
