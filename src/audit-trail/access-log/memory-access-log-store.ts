import { GENESIS_HASH } from '@lotse/event-store';
import { AccessChainHead, AccessEntry, accessHash, AccessRecord } from './access-entry';
import { AccessLogStore, AccessQuery, Purged } from './access-log-store';

/**
 * The access log of the KurrentDB + MongoDB shape, which has no relational database: kept in this process only, so
 * it is lost on restart and not shared between instances. A MongoDB adapter is still to be written.
 */
export class MemoryAccessLogStore implements AccessLogStore {
  private records: AccessRecord[] = [];
  private head = { seq: 0, hash: GENESIS_HASH };

  init(): Promise<void> {
    return Promise.resolve();
  }

  append(entries: readonly AccessEntry[]): Promise<void> {
    for (const entry of entries) {
      const seq = this.head.seq + 1;
      const hash = accessHash(this.head.hash, entry);
      this.records.push({ ...entry, seq, previousHash: this.head.hash, hash });
      this.head = { seq, hash };
    }
    return Promise.resolve();
  }

  query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }> {
    const matching = this.records
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
    return Promise.resolve([...this.records]);
  }

  chain(): Promise<{ records: AccessRecord[]; head: AccessChainHead | undefined }> {
    return Promise.resolve({ records: [...this.records], head: { ...this.head } });
  }

  async purgeBefore(cutoff: string, recordOf: (purged: Purged) => AccessEntry): Promise<Purged> {
    const removed = this.records.filter((r) => Date.parse(r.at) < Date.parse(cutoff));
    this.records = this.records.filter((r) => Date.parse(r.at) >= Date.parse(cutoff));
    const last = removed.at(-1);
    const purged = { count: removed.length, throughSeq: last?.seq ?? null, lastHash: last?.hash ?? null };
    if (purged.count > 0) await this.append([recordOf(purged)]);
    return purged;
  }
}
