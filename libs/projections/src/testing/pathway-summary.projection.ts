import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '@lotse/event-store';
import type { Projection } from '../projection';

export interface PathwaySummary {
  pathwayId: string;
  status: 'active' | 'completed';
  steps: number;
}

/** The sample read model: case steps counted per pathway, and whether the pathway is completed. */
export const pathwaySummary = (name = 'pathway_summary'): Projection<PathwaySummary> => ({
  name,
  handles: ['PathwayOpened', 'CaseStepRecorded', 'PathwayCompleted', 'PathwayWithdrawn'],
  documentId: (event) => String(event.data.pathwayId),
  apply: (current, event) => {
    switch (event.type) {
      case 'PathwayOpened':
        return { pathwayId: String(event.data.pathwayId), status: 'active', steps: 0 };
      case 'CaseStepRecorded':
        return current && { ...current, steps: current.steps + 1 };
      case 'PathwayCompleted':
        return current && { ...current, status: 'completed' };
      case 'PathwayWithdrawn':
        return undefined;
    }
    return current;
  },
});

/** The same projection folded in memory over the whole log: what every runner must arrive at. */
export const foldLog = async <D>(store: EventStore, projection: Projection<D>): Promise<Map<string, D>> => {
  const docs = new Map<string, D>();
  for await (const event of store.readAll()) {
    if (!projection.handles.includes(event.type)) continue;
    const id = projection.documentId(event);
    const next = projection.apply(docs.get(id), event);
    if (next === undefined) docs.delete(id);
    else docs.set(id, next);
  }
  return docs;
};

const metadata = (): NewEvent['metadata'] => ({
  actor: 'coach-1',
  role: 'coach',
  municipality: 'neuss',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-03-01T09:00:00.000Z',
});
const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: metadata(),
});

/** One pathway's life: opened, some steps, maybe completed or withdrawn, and an event no projection handles. */
export const pathwayHistory = (i: number): NewEvent[][] => {
  const pathwayId = `p${i}`;
  const steps = Array.from({ length: 4 + (i % 7) }, () => event('CaseStepRecorded', { pathwayId }));
  const end = i % 3 === 0 ? [] : i % 29 === 0 ? [event('PathwayWithdrawn', { pathwayId })] : [event('PathwayCompleted', { pathwayId })];
  return [
    [event('PathwayOpened', { pathwayId }), ...steps.slice(0, 2)],
    [...steps.slice(2), event('ParticipantNoted', { pathwayId }), ...end],
  ];
};

/**
 * Appends `pathways` pathways, several appends in flight at once so that on PostgreSQL commit
 * order and position numbers disagree now and then. Returns the number of events.
 */
/** Per store, the highest position an append of appendHistory was acknowledged at: the log must come to hold it. */
const acknowledged = new WeakMap<EventStore, number>();
const acknowledge = (store: EventStore, position: number) => acknowledged.set(store, Math.max(acknowledged.get(store) ?? 0, position));

export const appendHistory = async (store: EventStore, pathways: number, from = 0, concurrency = 8): Promise<number> => {
  let next = from;
  let count = 0;
  const worker = async () => {
    while (next < from + pathways) {
      const i = next++;
      const [first, rest] = pathwayHistory(i);
      acknowledge(store, (await store.append(`pathway-${i}`, first, { expectedVersion: 'no_stream' })).position);
      acknowledge(store, (await store.append(`pathway-${i}`, rest, { expectedVersion: first.length - 1 })).position);
      count += first.length + rest.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
};

/** The last event in log order, and whether the log holds every append appendHistory saw acknowledged. */
const lastInLog = async (store: EventStore): Promise<{ last: number; complete: boolean }> => {
  const mustHold = acknowledged.get(store) ?? 0;
  let last = 0;
  let complete = mustHold === 0;
  for await (const e of store.readAll()) {
    last = e.globalPosition;
    if (last === mustHold) complete = true;
  }
  return { last, complete };
};

/**
 * The last event in log order once every append has settled. Readers see a transaction only when
 * all older ones have ended, and a runner's batch transaction that began before the last appends
 * holds them back for a moment (on a PostgreSQL server, any transaction of the server does, another
 * suite's too): so read until the log holds every acknowledged append and two reads a little apart agree.
 */
export const headOf = async (store: EventStore, timeoutMs = 15_000): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  let previous = await lastInLog(store);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await lastInLog(store);
    const settled = current.complete || Date.now() > deadline;
    if (settled && current.last === previous.last) return current.last;
    previous = current;
  }
};

export const eventually = async (check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export type { StoredEvent };
