import { setImmediate as nextTurn } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { SqlDriver } from '@lotse/event-store';
import { Counter, Registry } from 'prom-client';
import { MerkleTreeStore } from '../tree/merkle-tree-store';
import { LogVerifier, chainFindings } from './log-verifier';
import { RAW_COLUMNS, RawRow, toRawEvent } from './raw-events';
import { orderFailures, VerificationFailure } from './verification-report';

/** How many of the newest leaves each background run re-checks. */
export const BACKGROUND_WINDOW = 2_000;
/**
 * Events checked before the run gives the event loop back: hashing the whole window at once held
 * the requests of its process for 30-70 ms every run, the longest stall under a write load.
 */
const EVENTS_PER_TURN = 100;

export interface BackgroundCheck {
  at: string;
  checkedEvents: number;
  firstFailure: VerificationFailure | null;
}

/**
 * Re-checks the newest events over and over: each against its leaf and its predecessor in the
 * stream, and the stored tree against the latest signed checkpoint. A failed run counts in
 * `lotse_audit_verification_failures` and makes /health report the audit log down.
 */
export class BackgroundVerifier {
  private readonly logger = new Logger('AuditLog');
  private readonly failures: Counter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  last?: BackgroundCheck;

  constructor(
    private readonly driver: SqlDriver,
    private readonly tree: MerkleTreeStore,
    private readonly verifier: LogVerifier,
    registry: Registry,
    private readonly intervalSeconds: number,
  ) {
    this.failures = new Counter({
      name: 'lotse_audit_verification_failures',
      help: 'Background checks of the newest audit-log events that found the log altered',
      registers: [registry],
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalSeconds * 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  runOnce(): Promise<void> {
    this.running ??= this.check()
      .catch((error) => this.logger.warn(`the background check of the audit log could not run: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async check(): Promise<void> {
    const state = await this.tree.state();
    const from = Math.max(0, state.size - BACKGROUND_WINDOW);
    const rows = await this.driver.query<CheckedRow>(
      `select l.leaf_index::text, l.global_position::text as leaf_position, encode(l.event_hash, 'hex') as leaf_hash,
              ${RAW_COLUMNS}, p.hash as prev_hash, p.stream_version::text as prev_version
         from audit_leaves l
         left join events e on e.global_position = l.global_position
         left join events p on p.stream_id = e.stream_id and p.stream_version = e.stream_version - 1
        where l.leaf_index >= $1 order by l.leaf_index`,
      [from],
    );
    const found: VerificationFailure[] = [];
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % EVENTS_PER_TURN === 0) await nextTurn();
      found.push(...rowFindings(row));
    }
    const checkpoint = await this.verifier.verifyCheckpoint();
    found.push(...checkpoint);
    const ordered = orderFailures(found);
    this.last = { at: new Date().toISOString(), checkedEvents: rows.length, firstFailure: ordered[0] ?? null };
    if (ordered.length > 0) {
      this.failures.inc();
      this.logger.error(`the audit log failed its background check: ${ordered[0].reason} at position ${ordered[0].position ?? 'unknown'}`);
    }
  }
}

type CheckedRow = RawRow & {
  leaf_index: string;
  leaf_position: string;
  leaf_hash: string;
  prev_hash: string | null;
  prev_version: string | null;
};

/** One newest event against its leaf and its predecessor in the stream. */
const rowFindings = (row: CheckedRow): VerificationFailure[] => {
  const found: VerificationFailure[] = [];
  const leafIndex = Number(row.leaf_index);
  if (row.global_position === null) {
    found.push({
      reason: 'missing_event',
      position: Number(row.leaf_position),
      leafIndex,
      detail: `the event of leaf ${leafIndex} is gone`,
    });
    return found;
  }
  const e = toRawEvent(row);
  if (row.leaf_hash !== e.hash) {
    found.push({
      reason: 'hash_mismatch',
      position: e.globalPosition,
      leafIndex,
      detail: 'the stored hash is not the one in the tree',
    });
  }
  const previous =
    e.streamVersion === 0
      ? undefined
      : row.prev_hash === null
        ? { version: -2, hash: '' }
        : { version: e.streamVersion - 1, hash: row.prev_hash };
  found.push(...chainFindings(e, previous).map((f) => ({ ...f, leafIndex })));
  return found;
};
