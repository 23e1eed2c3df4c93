import type { ProjectionStatus } from '@lotse/projections';

/**
 * What the process running the projections (a worker thread, or the cluster's primary relaying
 * it) tells the HTTP processes, a few times a second: each projection's state and position, and
 * the lag of every event applied since the last message, measured where it was applied.
 */
export interface ProjectionFeed {
  kind: 'lotse:projection-feed';
  statuses: ProjectionStatus[];
  /** Seconds from an event being stored to its read-model change committing, per projection. */
  lags: Record<string, number[]>;
}

export const isProjectionFeed = (message: unknown): message is ProjectionFeed =>
  typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'lotse:projection-feed';
