import type { ProjectionStatus } from '@lotse/projections';

/**
 * What the HTTP side needs of the projections, wherever they run: their states for /health,
 * /metrics and /admin/projections, and a wait for a write's position for `minPosition` reads.
 * The in-process ProjectionRunner is one; FollowedProjections (runner elsewhere) the other.
 */
export interface ProjectionsView {
  status(): ProjectionStatus[];
  positionOf(name: string): number;
  waitFor(name: string, position: number, timeoutMs: number): Promise<boolean>;
}

/** The projections as this process holds them: started once the application is up, stopped before the stores close. */
export interface ProjectionsHere extends ProjectionsView {
  start(): Promise<void>;
  stop(): Promise<void>;
}
