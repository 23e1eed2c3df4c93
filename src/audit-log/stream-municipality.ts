import type { SqlDriver } from '@lotse/event-store';

/**
 * The municipality a stream belongs to, from its stored events: the one its first event names in
 * its data (participants, pathways, offers); for a participant's enrolment ledger and guard
 * decisions, the participant's; else the writer's tenant in the envelope. Undefined: no such stream.
 * Not the envelope first: an admin writes for any municipality with her own in the token.
 */
export const streamMunicipality = async (driver: SqlDriver, streamId: string): Promise<string | null | undefined> => {
  const [row] = await driver.query<{ found: boolean; municipality: string | null }>(
    `select exists (select 1 from events where stream_id = $1) as found,
            coalesce(
              (select content::jsonb -> 'data' ->> 'municipality' from events where stream_id = $1 order by stream_version limit 1),
              (select content::jsonb -> 'data' ->> 'municipality' from events
                where stream_id = 'participant-' || substring($1 from '^(?:enrolment|guard-decisions)-([0-9a-f-]{36})$')
                order by stream_version limit 1),
              (select content::jsonb -> 'metadata' ->> 'municipality' from events where stream_id = $1 order by stream_version limit 1)
            ) as municipality`,
    [streamId],
  );
  return row.found ? row.municipality : undefined;
};
