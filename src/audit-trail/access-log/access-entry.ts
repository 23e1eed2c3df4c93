import { canonicalJson, chainHash, GENESIS_HASH } from '@lotse/event-store';

/** What was done with the data: read, read with sealed fields opened, exported, or the log's own purge. */
export type AccessAction = 'read' | 'unseal' | 'export' | 'purge';

/** One answer that contained personal or case data: when, who, which people, by which route, and why. */
export interface AccessEntry {
  /** ISO time the answer was given. */
  at: string;
  sub: string;
  roles: string[];
  /** The reader's municipality (the token's). */
  municipality: string;
  /** `GET /participants/:id`: the route, never the concrete path, which may carry names in a query. */
  route: string;
  /** The people whose data the answer contained. */
  participantIds: string[];
  /** The municipalities the data belongs to: an auditor sees the reads of her municipality's data. */
  municipalities: string[];
  /** The `Lotse-Purpose` header, when sent. */
  purpose?: string;
  action: AccessAction;
  /** Action-specific facts, e.g. an unsealing's reason or a purge's cut-off; never the data read. */
  detail?: Record<string, unknown>;
}

/** An entry as stored: its place in the access log and its link in the log's own hash chain. */
export interface AccessRecord extends AccessEntry {
  seq: number;
  previousHash: string;
  hash: string;
}

/** `sha256(previous hash + canonical JSON of the entry)`: the same chaining as the events' hash chain. */
export const accessHash = (previousHash: string, entry: AccessEntry): string => chainHash(previousHash, canonicalJson(entry));

/** Where a chain walk over stored records finds the first record whose hash or link is not what it should be. */
export const firstBrokenLink = (records: readonly AccessRecord[], anchor?: string): number | undefined => {
  let previous = anchor ?? records[0]?.previousHash;
  for (const record of records) {
    const { seq: _seq, previousHash, hash, ...entry } = record;
    if (previousHash !== previous || accessHash(previousHash, entry) !== hash) return record.seq;
    previous = hash;
  }
  return undefined;
};

/** The access log's last entry as the log records it apart from the entries: what a removed tail no longer matches. */
export interface AccessChainHead {
  seq: number;
  hash: string;
}

/**
 * Where a check of the whole log finds it first bad: a broken link or hash, else a tail that does not end at the
 * recorded head. Entries removed at the end leave an intact chain behind, so the last one left must be the head;
 * when it is short of it, the first seq after the last one left is where the log went missing.
 */
export const firstBadSeq = (records: readonly AccessRecord[], head: AccessChainHead | undefined): number | undefined => {
  const broken = firstBrokenLink(records);
  if (broken !== undefined || head === undefined) return broken;
  const last = records.at(-1) ?? { seq: 0, hash: GENESIS_HASH };
  if (last.seq < head.seq) return last.seq + 1;
  if (last.seq > head.seq) return records.find((record) => record.seq > head.seq)?.seq;
  return last.hash === head.hash ? undefined : last.seq;
};
