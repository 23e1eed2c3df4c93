import type { StoredEvent } from '@lotse/event-store';
import type { Projection } from './projection';

/** What one `applyBatch` did; `position` is the checkpoint after it (0 for the start of the log). */
export interface ApplyResult {
  position: number;
  applied: number;
  /** Events at or before the stored checkpoint: a replay of work already committed. */
  skipped: number;
  /** The event whose `apply` threw; everything before it in the batch was committed. */
  failure?: { position: number; error: unknown };
}

/**
 * A page of documents. Filters and sort keys name top-level fields holding strings (ids, codes,
 * ISO dates); strings compare byte-wise and a missing value sorts before every string, the same
 * on every store.
 */
export interface ReadModelQuery {
  /** field → value, or any of several values. */
  where?: Readonly<Record<string, string | readonly string[]>>;
  /** Ties are broken by document id, so pages never overlap. */
  orderBy?: readonly { field: string; direction: 'asc' | 'desc' }[];
  offset?: number;
  limit?: number;
  /** Top-level fields left out of the answer, e.g. a long timeline in a list. */
  omit?: readonly string[];
}

export interface ReadModelPage<Document> {
  items: Document[];
  total: number;
}

/** A read model built beside the live one, under its own name, until it is swapped in. */
export const rebuildName = (name: string): string => `${name}__rebuild`;

/** Where read models and their checkpoints live; one adapter per READ_MODEL_URL scheme. */
export interface ReadModelStore {
  /** Creates the projection's table and checkpoint when missing; safe on every start. */
  init(projection: Projection): Promise<void>;
  checkpoint(name: string): Promise<number>;
  /** The projection version the read model was built with (1 for one built before versions). */
  builtWith(name: string): Promise<number>;
  /**
   * Applies `events` (which follow `after` in log order) and moves the checkpoint, atomically.
   * Throws CheckpointMovedError when another runner moved the checkpoint elsewhere meanwhile.
   */
  applyBatch(projection: Projection, events: readonly StoredEvent[], after: number): Promise<ApplyResult>;
  get<Document>(name: string, id: string): Promise<Document | undefined>;
  all<Document>(name: string): Promise<Map<string, Document>>;
  find<Document>(name: string, query: ReadModelQuery): Promise<ReadModelPage<Document>>;
  /** Drops the documents and rewinds the checkpoint, so the next run rebuilds from the log. */
  reset(name: string): Promise<void>;
  /**
   * An empty read model named `rebuildName(projection.name)` with its checkpoint at the start
   * of the log, replacing any left over from an interrupted rebuild; built with `projection`'s version.
   */
  prepareRebuild(projection: Projection): Promise<Projection>;
  /**
   * Replaces the live read model and its checkpoint with the rebuilt one in one step, if the
   * live checkpoint is still at `liveAt` (which the caller found the rebuilt one has reached):
   * readers see either the old model or the new one, never a mix. The live model then counts as
   * built with the rebuilt one's version. False when the live model moved on meanwhile.
   */
  swapIn(projection: Projection, liveAt: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Positions name events and are ordered by the log, not by number, so a checkpoint that is
 * neither the batch's start nor inside the batch cannot be placed: the caller resubscribes from it.
 */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`checkpoint of ${projection} is at ${actual}, not ${expected}: another runner moved it`);
    this.name = 'CheckpointMovedError';
  }
}
