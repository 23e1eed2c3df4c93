/**
 * The EventStore port. Every adapter (PGlite, PostgreSQL, KurrentDB) honours this contract,
 * and `testing/event-store.contract.ts` proves it for each of them.
 */

/** What the caller expects the stream to look like before its events are appended. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** Who did what, when and why: the metadata half of the envelope. */
export interface EventMetadata {
  actor: string;
  role: string;
  municipality: string;
  correlationId: string;
  causationId: string | null;
  /** When it happened in the world, as the command said (ISO 8601). */
  occurredAt: string;
}

/** An event as the application hands it to the store. */
export interface NewEvent<Data = Record<string, unknown>> {
  /** A UUID, the idempotency key: appending an already stored eventId again is a no-op. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store hands it back: the envelope plus where and when it was stored. */
export interface StoredEvent<Data = Record<string, unknown>> extends NewEvent<Data> {
  streamId: string;
  /** 0-based position of the event inside its stream. */
  streamVersion: number;
  /** Position in the whole log; larger means later in the log's order. */
  globalPosition: number;
  /** When the store accepted it (ISO 8601). */
  recordedAt: string;
  /** sha256 over the previous event's hash and this event's canonical JSON (hex). */
  hash: string;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: the version of the last event written. */
  nextVersion: number;
  /** The global position of the last event written. */
  position: number;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First version to return (inclusive); with `backwards`, the version to start going back from. */
  fromVersion?: number;
  maxCount?: number;
  direction?: ReadDirection;
  /** Only events up to this point: a global position (inclusive) or a moment (ISO string or Date). */
  until?: number | string | Date;
}

export interface ReadAllOptions {
  /** Only events after this global position (exclusive); 0 or absent for the start of the log. */
  fromPosition?: number;
  maxCount?: number;
  /** Events fetched per round trip; the log is never loaded whole. */
  batchSize?: number;
}

export interface SubscribeOptions {
  /** Deliver events after this global position (exclusive); 0 or absent for the start of the log. */
  fromPosition?: number;
  batchSize?: number;
  signal?: AbortSignal;
}

/** One finding of a hash-chain check: the stream and version at which the chain breaks. */
export interface ChainBreak {
  streamId: string;
  streamVersion: number;
  reason: 'hash_mismatch' | 'version_gap' | 'head_mismatch';
  detail: string;
}

export interface EventStore {
  /** Create or migrate whatever the engine needs; safe to call on every start. */
  init(): Promise<void>;
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Catch up, then follow the log live. Iterating pulls: a slow consumer slows the reads. */
  subscribeAll(options?: SubscribeOptions): AsyncIterable<StoredEvent>;
  /** Re-walk a stream's hash chain from its stored rows; an empty list means it is intact. */
  verifyStream(streamId: string): Promise<ChainBreak[]>;
  /** A cheap round trip for health checks; throws when the engine is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An event as the audit tree needs it: its place in the log and its stored chain hash (hex), nothing else. */
export interface LoggedHash {
  globalPosition: number;
  hash: string;
}

/**
 * The log narrowed to positions and hashes, in log order, caught up and then live like
 * `subscribeAll`: the audit tree's leaves need no data, metadata or envelope. The SQL engines have
 * it (the tree lives beside their events).
 */
export interface HashLog {
  subscribeHashes(options?: SubscribeOptions): AsyncIterable<LoggedHash>;
}

export const hasHashLog = (store: EventStore): store is EventStore & HashLog =>
  typeof (store as Partial<HashLog>).subscribeHashes === 'function';

export const EVENT_STORE = Symbol('EVENT_STORE');
