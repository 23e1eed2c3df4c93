import { GENESIS_HASH } from '@lotse/event-store';
import { AccessChainHead, AccessEntry, accessHash, AccessRecord } from './access-entry';
import { AccessLogStore, AccessQuery, Purged } from './access-log-store';

/**
 * The access log of the KurrentDB + MongoDB shape, which has no relational database: kept in this process only, so
 * it is lost on restart and not shared between instances. A MongoDB adapter is still to be written. It keeps the
 * batches as appended, so that the purge removes whole batches as the SQL store does.
 */
export class MemoryAccessLogStore implements AccessLogStore {
  private batches: AccessRecord[][] = [];
  private head = { seq: 0, hash: GENESIS_HASH };

  init(): Promise<void> {
    return Promise.resolve();
  }

  append(entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const batch: AccessRecord[] = [];
    for (const entry of entries) {
      const seq = this.head.seq + 1;
      const hash = accessHash(this.head.hash, entry);
      batch.push({ ...entry, seq, previousHash: this.head.hash, hash });
      this.head = { seq, hash };
    }
    this.batches.push(batch);
    return Promise.resolve();
  }

  query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }> {
    const matching = this.batches
      .flat()
      .filter((r) => query.participantId === undefined || r.participantIds.includes(query.participantId))
      .filter((r) => query.actor === undefined || r.sub === query.actor)
      .filter((r) => query.from === undefined || Date.parse(r.at) >= Date.parse(query.from))
      .filter((r) => query.to === undefined || Date.parse(r.at) <= Date.parse(query.to))
      .filter(
        (r) =>
          query.municipality === undefined ||
          r.municipalities.includes(query.municipality) ||
          r.municipality === query.municipality ||
          r.action === 'purge',
      )
      .reverse();
    return Promise.resolve({ items: matching.slice(query.offset, query.offset + query.limit), total: matching.length });
  }

  all(): Promise<AccessRecord[]> {
    return Promise.resolve(this.batches.flat());
  }

  chain(): Promise<{ records: AccessRecord[]; head: AccessChainHead | undefined }> {
    return Promise.resolve({ records: this.batches.flat(), head: { ...this.head } });
  }

  /** Removes the batches whose every entry is older than `cutoff`, as the SQL store does. */
  async purgeBefore(cutoff: string, recordOf: (purged: Purged) => AccessEntry): Promise<Purged> {
    const old = (batch: AccessRecord[]) => batch.every((r) => Date.parse(r.at) < Date.parse(cutoff));
    const removed = this.batches.filter(old).flat();
    this.batches = this.batches.filter((batch) => !old(batch));
    const last = removed.at(-1);
    const purged = { count: removed.length, throughSeq: last?.seq ?? null, lastHash: last?.hash ?? null };
    if (purged.count > 0) await this.append([recordOf(purged)]);
    return purged;
  }
}
