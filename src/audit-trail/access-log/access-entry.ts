import { canonicalJson, chainHash } from '@lotse/event-store';

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
