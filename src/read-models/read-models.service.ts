import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { ReadModelPage, ReadModelQuery, ReadModelStore } from '@lotse/projections';
import { READ_MODEL_STORE, PROJECTIONS_VIEW } from './read-models.tokens';
import type { ProjectionsView } from './projections-view';

/** How long a read waits for its read model to reach `minPosition` before answering 503. */
export const MIN_POSITION_WAIT_MS = 2_000;

/**
 * Reads of the read models for the query handlers. With `minPosition` (a write's answer) the
 * read first waits until the projection has applied that event, so a coach sees her own write.
 */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(PROJECTIONS_VIEW) private readonly runner: ProjectionsView,
  ) {}

  async get<Document>(projection: string, id: string, minPosition?: number): Promise<Document | undefined> {
    await this.caughtUp(projection, minPosition);
    return this.store.get<Document>(projection, id);
  }

  /** `position`: the checkpoint the page reflects at least. */
  async find<Document>(
    projection: string,
    query: ReadModelQuery,
    minPosition?: number,
  ): Promise<ReadModelPage<Document> & { position: number }> {
    await this.caughtUp(projection, minPosition);
    const position = this.runner.positionOf(projection);
    return { ...(await this.store.find<Document>(projection, query)), position };
  }

  private async caughtUp(projection: string, minPosition: number | undefined): Promise<void> {
    if (!minPosition) return;
    if (await this.runner.waitFor(projection, minPosition, MIN_POSITION_WAIT_MS)) return;
    throw new DomainError(
      'read_model_behind',
      `the ${projection} read model has not reached position ${minPosition} within ${MIN_POSITION_WAIT_MS} ms; ask again shortly`,
      { retryAfterSeconds: 1, position: this.runner.positionOf(projection) },
    );
  }
}
