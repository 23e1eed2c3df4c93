import type { StoredEvent } from '@lotse/event-store';

/**
 * A read model fed from the log: the event types it handles and a pure function from the
 * current document and an event to the next document. The runner that feeds projections from
 * the store's subscription with a stored checkpoint builds on this contract.
 */
export interface Projection<Document> {
  name: string;
  handles: readonly string[];
  /** The document an event belongs to, e.g. the pathway id for a caseload row. */
  documentId(event: StoredEvent): string;
  apply(current: Document | undefined, event: StoredEvent): Document | undefined;
}
