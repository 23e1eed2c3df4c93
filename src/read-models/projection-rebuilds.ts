import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { Projection, rebuildName, rebuildProjection, RebuildProgress } from '@lotse/projections';
import { oneLineError } from '../lifecycle';
import { ReadModelBackend } from './open-read-models';
import { ALL_PROJECTIONS, READ_MODEL_BACKEND, PROJECTIONS_VIEW } from './read-models.tokens';
import type { ProjectionsView } from './projections-view';

export interface RebuildState {
  projection: string;
  state: 'rebuilding' | 'done' | 'failed';
  startedAt: string;
  progress?: RebuildProgress;
  finishedAt?: string;
  error?: string;
}

/** Rebuilds started through the admin route, one at a time per projection, in this process. */
@Injectable()
export class ProjectionRebuilds {
  private readonly logger = new Logger('ProjectionRebuilds');
  private readonly states = new Map<string, RebuildState>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_BACKEND) private readonly backend: ReadModelBackend,
    @Inject(ALL_PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(PROJECTIONS_VIEW) private readonly runner: ProjectionsView,
  ) {}

  async start(name: string): Promise<RebuildState> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new DomainError('not_found', `no projection named ${name}`);
    const busy = () => new DomainError('rebuild_in_progress', `${name} is being rebuilt already`);
    if (this.states.get(name)?.state === 'rebuilding') throw busy();
    const previous = this.states.get(name);
    const state: RebuildState = { projection: name, state: 'rebuilding', startedAt: new Date().toISOString() };
    this.states.set(name, state);
    // Here as well as inside the rebuild, so that a rebuild running elsewhere answers 409 rather than a 202 that fails later.
    if (!(await this.backend.election.tryAcquire(rebuildName(name)))) {
      if (previous) this.states.set(name, previous);
      else this.states.delete(name);
      throw busy();
    }
    this.logger.log(`rebuilding ${name}`);
    const run = rebuildProjection({
      store: this.store,
      readModels: this.backend.readModels,
      projection,
      logOrder: this.backend.logOrder,
      election: this.backend.election,
      signal: this.abort.signal,
      onProgress: (progress) => {
        state.progress = progress;
      },
    })
      .then((result) => {
        Object.assign(state, { state: 'done', finishedAt: new Date().toISOString() });
        this.logger.log(`rebuilt ${name}: ${result.events} events in ${result.seconds.toFixed(1)} s`);
      })
      .catch((error) => {
        Object.assign(state, { state: 'failed', finishedAt: new Date().toISOString(), error: oneLineError(error) });
        this.logger.error(`rebuild of ${name} failed: ${oneLineError(error)}`);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return { ...state };
  }

  list(): { name: string; position: number; state: string; error?: unknown; rebuild?: RebuildState }[] {
    return this.runner.status().map((s) => ({ ...s, ...(this.states.has(s.name) ? { rebuild: { ...this.states.get(s.name)! } } : {}) }));
  }

  /** Cancels rebuilds in flight (the live model stays as it was) before the stores close. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }
}
