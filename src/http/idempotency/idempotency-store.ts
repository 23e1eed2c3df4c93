/** The answer a completed request gave, replayed as is to a retry. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { claimed: true }
  /** Someone else holds the key: `response` is undefined while that request still runs. */
  | { claimed: false; fingerprint: string; response?: StoredResponse };

/** Keys are promised for a day; older records go. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/** A pending record this old belongs to a process that died mid-request; a retry may take it over. */
export const ABANDONED_AFTER_MS = 60 * 1000;
const PURGE_EVERY_MS = 60_000;

/** One request's record as an engine keeps it; `response` is there once the request completed. */
export interface IdempotencyRecord {
  fingerprint: string;
  response?: StoredResponse;
}

/**
 * The port: idempotency records per (subject, key), each single operation atomic. Every instance
 * of the service must see the same records, so they live in a shared database, never in memory.
 */
export interface IdempotencyRecords {
  init(): Promise<void>;
  /** Inserts a pending record unless one exists; true when this call inserted it. */
  insertPending(subject: string, key: string, fingerprint: string): Promise<boolean>;
  /** Restarts the clock of a pending record of this fingerprint created more than `olderThanMs` ago; true when it did. */
  takeOverAbandoned(subject: string, key: string, fingerprint: string, olderThanMs: number): Promise<boolean>;
  find(subject: string, key: string): Promise<IdempotencyRecord | undefined>;
  complete(subject: string, key: string, response: StoredResponse): Promise<void>;
  /** Deletes the record if it is still pending. */
  release(subject: string, key: string): Promise<void>;
  purgeOlderThan(ms: number): Promise<void>;
}

/** The claim protocol, the same on every engine: what the interceptor talks to. */
export class IdempotencyStore {
  private lastPurge = 0;

  constructor(private readonly records: IdempotencyRecords) {}

  /**
   * Takes the key for this request or says who has it. The insert is the lock: of two
   * concurrent requests exactly one inserts, the other finds its record.
   */
  async claim(subject: string, key: string, fingerprint: string): Promise<Claim> {
    await this.purgeNowAndThen();
    // A record can vanish between the insert and the read (its request failed and released
    // it), hence a few rounds; after that, calling it "in progress" is honest enough.
    for (let round = 0; round < 3; round += 1) {
      if (await this.records.insertPending(subject, key, fingerprint)) return { claimed: true };
      if (await this.records.takeOverAbandoned(subject, key, fingerprint, ABANDONED_AFTER_MS)) return { claimed: true };
      const record = await this.records.find(subject, key);
      if (record) return { claimed: false, ...record };
    }
    return { claimed: false, fingerprint };
  }

  complete(subject: string, key: string, response: StoredResponse): Promise<void> {
    return this.records.complete(subject, key, response);
  }

  /** Forgets a request that failed on our side, so its retry runs instead of being refused. */
  release(subject: string, key: string): Promise<void> {
    return this.records.release(subject, key);
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.records.purgeOlderThan(RETENTION_MS);
  }
}
