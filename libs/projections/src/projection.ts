import type { StoredEvent } from '@lotse/event-store';

/**
 * A read model fed from the log: the event types it handles and a pure function from the
 * current document and an event to the next document. Pure, so a read model can always be
 * dropped and rebuilt from the log and come out the same.
 */
export interface Projection<Document = unknown> {
  /** Stable and a plain identifier: it names the read model's table and its checkpoint. */
  name: string;
  handles: readonly string[];
  /** The document an event belongs to, e.g. the pathway id for a caseload row. */
  documentId(event: StoredEvent): string;
  /**
   * The next document, or `undefined` to delete it: plain JSON values only, and a new object
   * rather than a changed `current` (several events of a batch are folded before one write).
   * Throwing stops this projection only.
   */
  apply(current: Document | undefined, event: StoredEvent): Document | undefined;
  /**
   * Top-level document fields the queries filter by, one list per index, equality fields first.
   * Each store builds its own kind of index from them.
   */
  indexes?: readonly (readonly string[])[];
  /**
   * Raise it when a change to `apply` changes what the documents hold: a runner that finds the
   * read model built by another version rebuilds it beside the old one and swaps it in. 1 if unset.
   */
  version?: number;
}

export const versionOf = (projection: Projection): number => projection.version ?? 1;
