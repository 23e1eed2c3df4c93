import { AccessChainHead, AccessEntry, AccessRecord } from './access-entry';

export interface AccessQuery {
  participantId?: string;
  actor?: string;
  /** Inclusive ISO times. */
  from?: string;
  to?: string;
  /** Only reads of this municipality's data, or by its own people (an auditor's view). */
  municipality?: string;
  /** At most this many, newest first. */
  limit: number;
  offset: number;
}

/** What a purge removed: how many entries and the hash of the last one, which the chain's next entry links to. */
export interface Purged {
  count: number;
  throughSeq: number | null;
  lastHash: string | null;
}

/**
 * The access log's storage: append-only, each entry chained to the one before, so an entry altered, removed or
 * slipped in between breaks the chain. The only deletion is the retention purge, which is itself an entry.
 */
export interface AccessLogStore {
  init(): Promise<void>;
  /** Appends the entries in order, as one batch, each chained to the last one stored (across every instance of the service). */
  append(entries: readonly AccessEntry[]): Promise<void>;
  query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }>;
  /** Every record in order, for a walk along the chain. */
  all(): Promise<AccessRecord[]>;
  /** Every record and the recorded head, as of one moment: the chain walk's input, a removed tail included. */
  chain(): Promise<{ records: AccessRecord[]; head: AccessChainHead | undefined }>;
  /**
   * Removes the entries before `cutoff`, a batch (as appended) at a time: a batch goes once all its entries are older,
   * so one that straddles the cut-off stays whole until the next purge. When it removed any, it appends the entry
   * `recordOf` makes of what it removed, at once: the log is never seen without its latest entries and without the
   * purge's record of them.
   */
  purgeBefore(cutoff: string, recordOf: (purged: Purged) => AccessEntry): Promise<Purged>;
}
