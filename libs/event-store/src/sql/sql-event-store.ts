import {
  AppendOptions,
  AppendResult,
  ChainBreak,
  EventStore,
  ExpectedVersion,
  HashLog,
  LoggedHash,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../event-store';
import { IdempotencyViolationError, WrongExpectedVersionError } from '../errors';
import { chainContent } from '../canonical-json';
import { verifyChain } from '../hash-chain';
import { assertValidAppend } from '../new-event-validation';
import { UpcasterChain, Upcaster } from '../upcasters';
import { pollLog, LogCursor } from '../subscription';
import { APPEND_FUNCTION, EVENT_COLUMNS, EXPECTED_CODES, MIGRATION_TABLE, MIGRATIONS } from './schema';
import { isConnectionLost, SqlDriver, sqlState } from './sql-driver';
import { AppendBatcher, ItemResult } from './append-batcher';
import { joinTexts, splitTexts } from './joined-texts';
import { EventRow, toStoredEvent } from './event-row';
import { CheckedColumns, checkedColumns, contentAgreesWithColumns } from './content-columns';
import { AppendWakeups } from './append-wakeups';
import { AppendTiming, appendTimings } from '../store-timings';

export interface SqlEventStoreOptions {
  /** The PostgreSQL schema that holds the tables; created when missing. */
  schema: string;
  upcasters?: readonly Upcaster[];
  /**
   * How long a caught-up subscription sleeps before it asks again, unless an append wakes it first.
   * Default 50 ms; 1 s where the driver shares its wake-ups (every append is heard).
   */
  pollIntervalMs?: number;
  now?: () => Date;
  /** Told about every failed read of a subscription before it retries. */
  onSubscriptionError?: (error: unknown, attempt: number) => void;
  /**
   * Append statements this store runs at once (default 1); appends arriving meanwhile are
   * written together in the next statement. More overlap round trips, fewer share commits.
   */
  appendsInFlight?: number;
}

interface PendingAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  payload: string[];
  eventIds: string[];
  types: string[];
  schemaVersions: number[];
  recordedAt: string;
}

interface BatchRow {
  item: number;
  outcome: 'ok' | 'stored' | 'conflict' | 'duplicate';
  next_version: string | null;
  last_position: string | null;
  detail: string | null;
}

/** Log order is (transaction id, global position): see the comment on `events.transaction_id`. */
const SETTLED = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
const APPEND_ATTEMPTS = 5;
/** Bounds one statement's size and the time its stream locks are held. */
const MAX_APPENDS_PER_BATCH = 64;
const START: LogCursor = { transactionId: '0', position: 0 };
/** Other processes append unheard: poll often. */
const POLL_MS = 50;
/**
 * Every append is heard (PGlite: one process): the poll only catches writes that bypass the store
 * (a repair by hand). An idle app polled each subscription 20 times a second for nothing.
 */
const POLL_MS_WHEN_EVERY_APPEND_IS_HEARD = 1_000;
// Arbitrary but fixed: every Lotse process takes the same lock before migrating.
const MIGRATION_LOCK = 4_711_2026;

const expectedCode = (expected: ExpectedVersion): number => (typeof expected === 'number' ? expected : EXPECTED_CODES[expected]);

/** The event store on PostgreSQL, spoken to through whichever driver the engine needs. */
export class SqlEventStore implements EventStore, HashLog {
  private readonly upcasters: UpcasterChain;
  private readonly now: () => Date;
  private readonly wakeups: AppendWakeups;
  private readonly pollIntervalMs: number;
  private readonly appends: AppendBatcher<PendingAppend, AppendResult>;
  private closed = false;

  constructor(
    private readonly driver: SqlDriver,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.upcasters = new UpcasterChain(options.upcasters);
    this.now = options.now ?? (() => new Date());
    this.wakeups = driver.sharedAppendWakeups ?? new AppendWakeups();
    this.pollIntervalMs = options.pollIntervalMs ?? (driver.sharedAppendWakeups ? POLL_MS_WHEN_EVERY_APPEND_IS_HEARD : POLL_MS);
    this.appends = new AppendBatcher(
      (batch) => this.writeAppends(batch),
      options.appendsInFlight ?? 1,
      MAX_APPENDS_PER_BATCH,
      publishAppendTiming,
    );
  }

  async init(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(MIGRATION_TABLE);
      const applied = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await tx.exec(m.sql);
        await m.run?.(tx);
        if (m.after) await tx.exec(m.after);
        await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      }
      await tx.exec(APPEND_FUNCTION);
    });
  }

  async append(streamId: string, events: NewEvent[], { expectedVersion }: AppendOptions): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    const recordedAt = this.now().toISOString();
    // The canonical JSON is both what the chain hashes and what the function stores: built once.
    const payload = events.map((e) => chainContent(streamId, { ...e, eventId: e.eventId.toLowerCase(), recordedAt }));
    return this.appends.submit({
      streamId,
      expectedVersion,
      payload,
      eventIds: events.map((e) => e.eventId.toLowerCase()),
      types: events.map((e) => e.type),
      schemaVersions: events.map((e) => e.schemaVersion),
      recordedAt,
    });
  }

  /**
   * Writes the appends of a batch in one statement; each gets its own answer. A statement that
   * fails as a whole for another reason than a lost connection (a unique key raced by a writer
   * outside the batch) is retried append by append, so the one at fault does not fail the rest.
   */
  private async writeAppends(appends: PendingAppend[]): Promise<ItemResult<AppendResult>[]> {
    const params = [
      appends.map((a) => a.streamId),
      appends.map((a) => expectedCode(a.expectedVersion)),
      appends.map((a) => a.payload.length),
      joinTexts(appends.flatMap((a) => a.payload)),
      joinTexts(appends.flatMap((a) => a.eventIds)),
      appends.flatMap((a) => a.types),
      appends.flatMap((a) => a.schemaVersions),
      appends.map((a) => a.recordedAt),
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows = await this.driver.query<BatchRow>(
          `select item, outcome, next_version::text, last_position::text, detail
             from lotse_append_batch($1, $2, $3, ${splitTexts('$4')}, ${splitTexts('$5')}::uuid[], $6, $7, $8)`,
          params,
        );
        this.wakeups.wake();
        const byItem = new Map(rows.map((row) => [row.item, row]));
        return appends.map((a, i) => toAppendResult(a, byItem.get(i)));
      } catch (error) {
        // Whether a call cut off by a lost connection committed is unknown; resending the same
        // eventIds is safe because the store answers a repeat with the first result.
        if (isConnectionLost(error) && attempt < APPEND_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
          continue;
        }
        if (appends.length > 1 && !isConnectionLost(error)) {
          return Promise.all(appends.map(async (a) => (await this.writeAppends([a]))[0]));
        }
        return appends.map((a) => ({ error: this.translate(error, a.streamId, a.expectedVersion) }));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    const where = ['stream_id = $1'];
    if (options.fromVersion !== undefined) {
      params.push(options.fromVersion);
      where.push(`stream_version ${backwards ? '<=' : '>='} $${params.length}`);
    }
    if (options.until !== undefined) where.push(this.untilClause(options.until, params));
    params.push(options.maxCount ?? null);
    const rows = await this.driver.query<EventRow>(
      `select ${EVENT_COLUMNS} from events where ${where.join(' and ')}
        order by events.stream_version ${backwards ? 'desc' : 'asc'} limit $${params.length}`,
      params,
    );
    return rows.map((r) => this.upcasters.apply(toStoredEvent(r)));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let cursor = await this.cursorAt(options.fromPosition ?? 0);
    let remaining = options.maxCount ?? Infinity;
    const batchSize = options.batchSize ?? 1000;
    while (remaining > 0) {
      const batch = await this.readBatch(cursor, Math.min(batchSize, remaining));
      for (const row of batch) yield this.upcasters.apply(toStoredEvent(row));
      if (batch.length === 0) return;
      cursor = cursorOf(batch[batch.length - 1]);
      remaining -= batch.length;
    }
  }

  subscribeAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return this.poll<EventRow, StoredEvent>(options, EVENT_COLUMNS, (row) => this.upcasters.apply(toStoredEvent(row)));
  }

  subscribeHashes(options: SubscribeOptions = {}): AsyncIterable<LoggedHash> {
    return this.poll<HashRow, LoggedHash>(options, HASH_COLUMNS, (row) => ({
      globalPosition: Number(row.global_position),
      hash: row.hash,
    }));
  }

  /** The log from `options.fromPosition` on, `columns` of each row, polled (and woken by this store's appends). */
  private poll<Row extends CursorRow, Item>(options: SubscribeOptions, columns: string, toItem: (row: Row) => Item): AsyncIterable<Item> {
    // The wake-ups counted before each read: one that comes before the wait after it still counts.
    let seen = this.wakeups.count;
    return pollLog<Row, Item>({
      start: () => this.cursorAt(options.fromPosition ?? 0),
      readBatch: (cursor) => {
        seen = this.wakeups.count;
        return this.readBatch<Row>(cursor, options.batchSize ?? 500, columns);
      },
      cursorOf,
      toEvent: toItem,
      waitForMore: (ms) => this.wakeups.wait(ms ?? this.pollIntervalMs, seen, options.signal),
      stopped: () => this.closed,
      signal: options.signal,
      onError: this.options.onSubscriptionError,
    });
  }

  async verifyStream(streamId: string): Promise<ChainBreak[]> {
    const rows = await this.driver.query<EventRow & CheckedColumns>(
      `select ${EVENT_COLUMNS}, ${checkedColumns()} from events where stream_id = $1 order by events.stream_version`,
      [streamId],
    );
    const [head] = await this.driver.query<{ version: string; last_hash: string }>(
      'select version::text, last_hash from streams where stream_id = $1',
      [streamId],
    );
    // The stored bytes are hashed as they are: the row's content, not its parse written out again.
    const breaks = verifyChain(
      streamId,
      rows.map(toStoredEvent),
      head ? { version: Number(head.version), hash: head.last_hash } : undefined,
      (_, i) => rows[i].content,
    );
    // One finding per event: a content changed by hand mostly fails both checks.
    const mismatched = new Set(breaks.filter((b) => b.reason === 'hash_mismatch').map((b) => b.streamVersion));
    for (const row of rows) {
      if (mismatched.has(Number(row.stream_version)) || contentAgreesWithColumns(row.content, row)) continue;
      breaks.push({
        streamId,
        streamVersion: Number(row.stream_version),
        reason: 'hash_mismatch',
        detail: 'a column (event id, type, schema version or recorded at) is not what the hashed content says',
      });
    }
    return breaks;
  }

  async ping(): Promise<void> {
    await this.driver.query('select 1');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeups.wake();
    await this.driver.close();
  }

  private readBatch<Row = EventRow>(cursor: LogCursor, limit: number, columns = EVENT_COLUMNS): Promise<Row[]> {
    return this.driver.query<Row>(
      `select ${columns} from events
        where (transaction_id, global_position) > ($1::xid8, $2::bigint) and ${SETTLED}
        order by events.transaction_id, events.global_position limit $3`,
      [cursor.transactionId, cursor.position, limit],
    );
  }

  /** A global position names one event; the log continues after that event's place in log order. */
  private async cursorAt(position: number): Promise<LogCursor> {
    if (!position) return START;
    const [row] = await this.driver.query<{ transaction_id: string }>(
      'select transaction_id::text from events where global_position = $1',
      [position],
    );
    if (!row) throw new RangeError(`no event at global position ${position}`);
    return { transactionId: row.transaction_id, position };
  }

  private untilClause(until: number | string | Date, params: unknown[]): string {
    if (typeof until === 'number') {
      params.push(until);
      const p = `$${params.length}`;
      return `(transaction_id, global_position) <= (select transaction_id, global_position from events where global_position = ${p})`;
    }
    params.push(until instanceof Date ? until.toISOString() : until);
    return `recorded_at <= $${params.length}::timestamptz`;
  }

  private translate(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
    const state = sqlState(error);
    if (state === 'LT001') return new WrongExpectedVersionError(streamId, expected, Number((error as Error).message));
    if (state === 'LT002') return new IdempotencyViolationError(streamId, (error as Error).message);
    // Two writers raced on a new stream's first version or on one eventId: the loser lost the race.
    if (state === '23505') {
      const detail = String((error as { constraint?: string }).constraint ?? (error as Error).message);
      if (detail.includes('event_id')) return new IdempotencyViolationError(streamId, 'an eventId is already stored in another stream');
      return new WrongExpectedVersionError(streamId, expected, -1);
    }
    return error;
  }
}

const toAppendResult = (append: PendingAppend, row: BatchRow | undefined): ItemResult<AppendResult> => {
  if (!row) return { error: new Error(`lotse_append_batch gave no answer for the append to ${append.streamId}`) };
  switch (row.outcome) {
    case 'ok':
    case 'stored':
      return { value: { nextVersion: Number(row.next_version), position: Number(row.last_position) } };
    case 'conflict':
      return { error: new WrongExpectedVersionError(append.streamId, append.expectedVersion, Number(row.detail)) };
    case 'duplicate':
      return { error: new IdempotencyViolationError(append.streamId, row.detail ?? 'some events were already stored') };
  }
};

const publishAppendTiming = (queuedMs: number[], writeMs: number, refused: number): void => {
  if (appendTimings.hasSubscribers) appendTimings.publish({ queuedMs, writeMs, refused } satisfies AppendTiming);
};

/** What a row needs for the subscription to know where it stands. */
interface CursorRow {
  transaction_id: string;
  global_position: string;
}

/** A row of `subscribeHashes`: the cursor's columns and the stored hash. */
interface HashRow extends CursorRow {
  hash: string;
}

const HASH_COLUMNS = 'global_position::text as global_position, transaction_id::text as transaction_id, hash';

const cursorOf = (row: CursorRow): LogCursor => ({ transactionId: row.transaction_id, position: Number(row.global_position) });
