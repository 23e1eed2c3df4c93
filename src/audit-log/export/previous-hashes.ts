import { SqlDriver } from '@lotse/event-store';

/** How many streams' latest exported event the export remembers: a few MB, whatever the log's length. */
const REMEMBERED_STREAMS = 20_000;

/** An event as the export reads it: where it sits in its stream and its hash. */
export interface StreamEvent {
  stream_id: string;
  /** A number where it was read in binary, its text where it came as a row. */
  stream_version: number | string;
  hash: string;
}

const PREVIOUS_SQL = `select w.i, e.hash from unnest($1::text[], $2::bigint[]) with ordinality as w(stream_id, stream_version, i)
   join events e on e.stream_id = w.stream_id and e.stream_version = w.stream_version`;

/**
 * Each export line carries the hash of its stream's event before it. Looking that up by index for
 * every row cost the database a third of its export work, while the predecessor was mostly just
 * exported: so the hash of each stream's latest exported event is remembered (the least recently
 * exported streams forgotten first) and only the rest is read, in one statement per batch.
 */
export class PreviousHashes {
  private readonly heads = new Map<string, { version: number; hash: string }>();

  constructor(
    private readonly driver: SqlDriver,
    private readonly remembered = REMEMBERED_STREAMS,
  ) {}

  /** The previous hash of each event of `batch` (in log order), '' for a stream's first event or a missing one. */
  async of(batch: readonly StreamEvent[]): Promise<string[]> {
    const previous = new Array<string>(batch.length).fill('');
    const unknown: number[] = [];
    for (let i = 0; i < batch.length; i += 1) {
      const event = batch[i];
      const version = Number(event.stream_version);
      const before = batch[i - 1];
      // A stream's events often follow each other: the one before is then the predecessor, and only a run's last is remembered.
      if (before?.stream_id === event.stream_id && Number(before.stream_version) === version - 1) previous[i] = before.hash;
      else {
        const head = this.heads.get(event.stream_id);
        if (head?.version === version - 1) previous[i] = head.hash;
        else if (version > 0) unknown.push(i);
      }
      if (batch[i + 1]?.stream_id !== event.stream_id) this.remember(event.stream_id, version, event.hash);
    }
    if (unknown.length > 0) {
      const rows = await this.driver.query<{ i: string; hash: string }>(PREVIOUS_SQL, [
        unknown.map((i) => batch[i].stream_id),
        unknown.map((i) => Number(batch[i].stream_version) - 1),
      ]);
      for (const r of rows) previous[unknown[Number(r.i) - 1]] = r.hash;
    }
    return previous;
  }

  private remember(streamId: string, version: number, hash: string): void {
    // Deleted first, so that the stream moves to the end of the Map's insertion order.
    this.heads.delete(streamId);
    this.heads.set(streamId, { version, hash });
    if (this.heads.size > this.remembered) this.heads.delete(this.heads.keys().next().value!);
  }
}
