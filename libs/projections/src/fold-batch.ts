import type { StoredEvent } from '@lotse/event-store';
import type { Projection } from './projection';
import type { ApplyResult } from './read-model-store';

/** A document as loaded from a store; `ordinal` only where the store keeps one. */
export interface LoadedDocument {
  doc: unknown;
  ordinal?: number;
}

/** A document to write once: `undefined` deletes it; `position` and `ordinal` name its last event. */
export interface ChangedDocument {
  id: string;
  doc: unknown;
  position: number;
  ordinal: number;
}

export interface FoldedBatch {
  changed: ChangedDocument[];
  /** How many events were folded, handled or not, before a failure if any. */
  folded: number;
  /** The last event folded; undefined when none was. */
  position?: number;
  applied: number;
  failure?: ApplyResult['failure'];
}

/**
 * The documents a batch's handled events belong to, for a store to load at once. An id that
 * cannot be computed is left out here: `foldBatch` reports it as that event's failure.
 */
export const touchedIds = (projection: Projection, events: readonly StoredEvent[]): string[] => {
  const handled = new Set(projection.handles);
  const ids = new Set<string>();
  for (const event of events.filter((e) => handled.has(e.type))) {
    try {
      ids.add(projection.documentId(event));
    } catch {
      // Reported by foldBatch at the event itself.
    }
  }
  return [...ids];
};

/**
 * Folds the events in memory onto the loaded documents, so each changed document is written
 * once. Events are numbered from `firstOrdinal`; an event reaches a document only when its
 * ordinal is above the document's, so a store that keeps ordinals can replay a batch whose
 * documents were written before a crash and change nothing. Stops at the first event whose
 * projection code throws: everything before it stands.
 */
export const foldBatch = (
  projection: Projection,
  events: readonly StoredEvent[],
  loaded: ReadonlyMap<string, LoadedDocument>,
  firstOrdinal = 1,
): FoldedBatch => {
  const handled = new Set(projection.handles);
  const docs = new Map<string, LoadedDocument>(loaded);
  const changed = new Map<string, ChangedDocument>();
  let folded = 0;
  let applied = 0;
  let failure: FoldedBatch['failure'];
  for (const event of events) {
    const ordinal = firstOrdinal + folded;
    if (handled.has(event.type)) {
      try {
        const id = projection.documentId(event);
        const current = docs.get(id);
        if (ordinal > (current?.ordinal ?? 0)) {
          const change = { id, doc: projection.apply(current?.doc, event), position: event.globalPosition, ordinal };
          docs.set(id, change);
          changed.set(id, change);
          applied += 1;
        }
      } catch (error) {
        failure = { position: event.globalPosition, error };
        break;
      }
    }
    folded += 1;
  }
  const position = folded > 0 ? events[folded - 1].globalPosition : undefined;
  return { changed: [...changed.values()], folded, position, applied, failure };
};
