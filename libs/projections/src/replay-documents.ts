import type { StoredEvent } from '@lotse/event-store';
import { foldBatch } from './fold-batch';
import type { Projection } from './projection';

/**
 * A read model's documents as they were after `events` (in log order), built in memory with the projection's own
 * `apply` — the fold the runner uses — so a past state is computed by the same code as the live one. A document the
 * projection deleted is absent; an event the projection cannot apply throws, as it stops the runner.
 */
export const replayDocuments = <Document>(projection: Projection<Document>, events: readonly StoredEvent[]): Map<string, Document> => {
  const inLogOrder = [...events].sort((a, b) => a.globalPosition - b.globalPosition);
  const { changed, failure } = foldBatch(projection, inLogOrder, new Map());
  if (failure) throw failure.error instanceof Error ? failure.error : new Error(`${projection.name} failed at ${failure.position}`);
  const documents = new Map<string, Document>();
  for (const { id, doc } of changed) if (doc !== undefined) documents.set(id, doc as Document);
  return documents;
};
