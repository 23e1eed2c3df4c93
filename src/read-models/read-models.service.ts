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

  /**
   * Every document of a read model together with the checkpoint they reflect exactly: read between
   * two looks at the checkpoint, again if a batch was committed in between. What a statistics report
   * is computed from, so that a replay of the log up to that position comes to the same documents.
   */
  async snapshot<Document>(projection: string, minPosition?: number): Promise<{ position: number; documents: Map<string, Document> }> {
    await this.caughtUp(projection, minPosition);
    for (let attempt = 0; ; attempt++) {
      const before = await this.store.checkpoint(projection);
      const documents = await this.store.all<Document>(projection);
      const after = await this.store.checkpoint(projection);
      if (before === after || attempt >= 20) {
        if (before !== after)
          throw new DomainError('read_model_behind', `the ${projection} read model kept moving; ask again shortly`, {
            retryAfterSeconds: 1,
          });
        return { position: after, documents };
      }
    }
  }

  /** The checkpoint of a read model as stored: a cheap look to tell whether a cached snapshot still holds. */
  checkpoint(projection: string): Promise<number> {
    return this.store.checkpoint(projection);
  }

  /** The version of the projection the stored read model was built with: another than the code's while it is rebuilt. */
  builtWith(projection: string): Promise<number> {
    return this.store.builtWith(projection);
  }

  async caughtUp(projection: string, minPosition: number | undefined): Promise<void> {
    if (!minPosition) return;
    if (await this.runner.waitFor(projection, minPosition, MIN_POSITION_WAIT_MS)) return;
    throw new DomainError(
      'read_model_behind',
      `the ${projection} read model has not reached position ${minPosition} within ${MIN_POSITION_WAIT_MS} ms; ask again shortly`,
      { retryAfterSeconds: 1, position: this.runner.positionOf(projection) },
    );
  }
}
