import { Inject, Injectable } from '@nestjs/common';
import {
  FactsJoin,
  foldStatisticsEvent,
  isStatisticsEvent,
  StatisticsDocument,
  statisticsDocumentId,
  StatisticsFacts,
} from '@lotse/domain';
import { EventStore } from '@lotse/event-store';
import { versionOf } from '@lotse/projections';
import { EVENT_STORE } from '../../event-store';
import { ReadModels } from '../../read-models';
import { statisticsFactsProjection } from './statistics-facts.projection';

export interface FactsAt {
  position: number;
  facts: StatisticsFacts;
}

/** Events read per round trip when catching the cached documents up with the log. */
const CATCH_UP_BATCH = 2_000;
/** Further behind than this, reading the read model whole is cheaper than folding the log's events one by one. */
export const CATCH_UP_LIMIT = 50_000;

/**
 * The facts of the statistics read model at one position, kept in memory until the read model moves
 * on. A query at an unchanged position costs one look at the checkpoint. When it moved, the cached
 * documents are brought to the new checkpoint by folding the events between the two positions with
 * the read model's own fold (the events it applied itself, read in log order up to and including the
 * one it names), so only what changed is read, and only the documents they changed are joined into
 * facts again (FactsJoin), which keeps the query columns and suppression decisions that still hold;
 * the documents are read whole only on the first query,
 * when the log is far ahead (CATCH_UP_LIMIT) or the checkpoint is not found after the cached one (a
 * rebuild or reset moved it elsewhere). While the stored read model is one of another projection
 * version (the old one serves until a new version's rebuild is swapped in), its documents are not
 * this code's: the log is folded up to its checkpoint instead, as a report's replay does. Each process
 * keeps its own cache and states the position its answer reflects; a `minPosition` is waited for
 * first, so no answer is older than it.
 */
@Injectable()
export class StatisticsFactsSource {
  private cached?: FactsAt & { join: FactsJoin; documents: Map<string, StatisticsDocument> };
  /** Refreshes run one at a time; a query arriving meanwhile finds the cache already moved. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Settable for tests. */
  catchUpLimit = CATCH_UP_LIMIT;

  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async current(minPosition?: number): Promise<FactsAt> {
    await this.readModels.caughtUp(statisticsFactsProjection.name, minPosition);
    const checkpoint = await this.readModels.checkpoint(statisticsFactsProjection.name);
    const cached = this.cached;
    if (cached && cached.position === checkpoint) return cached;
    const refreshed = this.queue.then(() => this.refresh());
    this.queue = refreshed.catch(() => undefined);
    return refreshed;
  }

  private async refresh(): Promise<FactsAt> {
    const target = await this.readModels.checkpoint(statisticsFactsProjection.name);
    const cached = this.cached;
    if (cached && cached.position === target) return cached;
    // Until the catch-up succeeds, the cache is no cache: its documents may be moved halfway.
    this.cached = undefined;
    const changed = cached && target !== 0 && (await this.caughtUp(cached.documents, cached.position, target));
    if (cached && changed) this.cached = { ...cached, position: target, facts: cached.join.update(changed) };
    else {
      const { position, documents } = await this.whole();
      const join = new FactsJoin(documents);
      this.cached = { position, documents, join, facts: join.facts };
    }
    return this.cached;
  }

  /** Every document at the read model's checkpoint. */
  private async whole(): Promise<{ position: number; documents: Map<string, StatisticsDocument> }> {
    const { name } = statisticsFactsProjection;
    if ((await this.readModels.builtWith(name)) === versionOf(statisticsFactsProjection))
      return this.readModels.snapshot<StatisticsDocument>(name);
    const position = await this.readModels.checkpoint(name);
    const documents = new Map<string, StatisticsDocument>();
    if (position !== 0 && !(await this.caughtUp(documents, 0, position, Infinity)))
      throw new Error(`the log does not reach the ${name} checkpoint ${position}`);
    return { position, documents };
  }

  /**
   * The keys of the documents moved (in place) from `position` to `target` by the events between,
   * or false when that does not reach it.
   */
  private async caughtUp(
    documents: Map<string, StatisticsDocument>,
    position: number,
    target: number,
    limit = this.catchUpLimit,
  ): Promise<Set<string> | false> {
    // The facts of the old position stay as they were for whoever still holds them: folding replaces documents, never changes one.
    let read = 0;
    const changed = new Set<string>();
    try {
      for await (const event of this.store.readAll({ fromPosition: position, batchSize: CATCH_UP_BATCH })) {
        if (isStatisticsEvent(event)) {
          foldStatisticsEvent(documents, event);
          changed.add(statisticsDocumentId(event));
        }
        if (event.globalPosition === target) return changed;
        if (++read >= limit) return false;
      }
    } catch {
      // The cached position is not in the log (a test database reset), or an event does not fold: read the read model instead.
    }
    return false;
  }
}
