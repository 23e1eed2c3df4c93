import { chainHash, GENESIS_HASH } from '../canonical-json';
import { chainContentOfJsonbText } from './jsonb-canonical';
import type { SqlTransaction } from './sql-driver';

/** Rows per read and update: a few MB, so memory stays flat however long the log. */
const BATCH = 5_000;

interface OldRow {
  global_position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
  previous_hash: string | null;
}

const OLD_ROWS = `select e.global_position::text as global_position, e.stream_id, e.stream_version::text as stream_version,
       e.event_id::text as event_id, e.type, e.schema_version, e.data::text as data, e.metadata::text as metadata,
       to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, e.hash, p.hash as previous_hash
  from events e left join events p on p.stream_id = e.stream_id and p.stream_version = e.stream_version - 1
 where e.global_position > $1 order by e.global_position limit $2`;

/** The content the store hashed for an old row, rebuilt from its jsonb; undefined where JSON cannot carry a number. */
const contentOf = (r: OldRow): string | undefined => {
  try {
    return chainContentOfJsonbText(r.stream_id, {
      eventId: r.event_id,
      type: r.type,
      schemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
      recordedAt: r.recorded_at,
    });
  } catch {
    return undefined;
  }
};

/**
 * Fills `content` of every event from its jsonb columns, batch by batch in position order, and
 * checks each against its stored hash (after the stored hash of its stream's event before it).
 * Any row that does not give its hash stops the migration before the jsonb columns are dropped:
 * the transaction rolls back and the database stays as it was, for the previous release's
 * /audit/verify to show what was changed. Runs under the migration lock, inside its transaction.
 */
export const backfillContent = async (tx: SqlTransaction): Promise<void> => {
  const mismatched: string[] = [];
  let after = 0;
  for (;;) {
    const rows = await tx.query<OldRow>(OLD_ROWS, [after, BATCH]);
    if (rows.length === 0) break;
    const contents = rows.map((r) => {
      const content = contentOf(r);
      const previous = r.stream_version === '0' ? GENESIS_HASH : r.previous_hash;
      if (content === undefined || previous === null || chainHash(previous, content) !== r.hash) mismatched.push(r.global_position);
      return content ?? '';
    });
    await tx.query(
      `update events set content = u.content from unnest($1::bigint[], $2::text[]) as u(position, content)
        where events.global_position = u.position`,
      [rows.map((r) => r.global_position), contents],
    );
    after = Number(rows[rows.length - 1].global_position);
  }
  if (mismatched.length > 0) {
    throw new Error(
      `events hold their hashed content (migration 2): ${mismatched.length} stored events do not give their stored hash ` +
        `(positions ${mismatched.slice(0, 10).join(', ')}${mismatched.length > 10 ? ', …' : ''}); nothing was changed. ` +
        'Find out why with the previous release (GET /audit/verify) before migrating.',
    );
  }
};
