import type { EventStore, StoredEvent } from '@lotse/event-store';
import type { Projection, RebuildProgress } from '@lotse/projections';

/** Up to where the log is replayed: a global position (inclusive) or a moment (by recordedAt, inclusive). */
export type ReplayUntil = { position: number } | { time: string };

export interface ReplayedReadModel {
  documents: Map<string, unknown>;
  /** The last event folded in; 0 when none was. */
  position: number;
  /** Events read (handled or not). */
  events: number;
}

const reached = (until: ReplayUntil, event: StoredEvent): boolean =>
  'position' in until ? event.globalPosition <= until.position : Date.parse(event.recordedAt) <= Date.parse(until.time);

/**
 * A read model as it was at a past moment, built in memory from the log with the projection's own `apply`, the code
 * the runner uses for the live one. Reading stops at the position; for a moment the whole log is read, because
 * concurrent appends can store a later `recordedAt` before an earlier one.
 */
export const replayReadModel = async (
  store: EventStore,
  projection: Projection,
  until: ReplayUntil,
  options: { total?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<ReplayedReadModel> => {
  const handled = new Set(projection.handles);
  const documents = new Map<string, unknown>();
  const started = Date.now();
  const total = options.total ?? Number.NaN;
  let events = 0;
  let position = 0;
  for await (const event of store.readAll({ batchSize: 2_000 })) {
    if ('position' in until && event.globalPosition > until.position) break;
    events += 1;
    if (reached(until, event)) {
      position = event.globalPosition;
      if (handled.has(event.type)) {
        const id = projection.documentId(event);
        const next = projection.apply(documents.get(id), event);
        if (next === undefined) documents.delete(id);
        else documents.set(id, next);
      }
    }
    if (options.onProgress && events % 5_000 === 0) options.onProgress(progressOf(projection.name, events, total, started));
  }
  options.onProgress?.(progressOf(projection.name, events, Number.isFinite(total) ? events : total, started));
  return { documents, position, events };
};

const progressOf = (name: string, done: number, total: number, started: number): RebuildProgress => {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const eventsPerSecond = done / seconds;
  return {
    projection: name,
    done,
    total,
    eventsPerSecond,
    ...(Number.isFinite(total) && eventsPerSecond > 0 ? { etaSeconds: Math.max(0, total - done) / eventsPerSecond } : {}),
  };
};
