import { Injectable } from '@nestjs/common';
import { factsOf, StatisticsDocument, StatisticsFacts } from '@lotse/domain';
import { ReadModels } from '../../read-models';
import { statisticsFactsProjection } from './statistics-facts.projection';

export interface FactsAt {
  position: number;
  facts: StatisticsFacts;
}

/**
 * The facts of the statistics read model at one position. Joining a county's documents takes a
 * moment, so the facts are kept until the read model moves on: queries at an unchanged position
 * (the page's several charts, a report after a look at the table) reuse them.
 */
@Injectable()
export class StatisticsFactsSource {
  private cached?: FactsAt;

  constructor(private readonly readModels: ReadModels) {}

  async current(minPosition?: number): Promise<FactsAt> {
    await this.readModels.caughtUp(statisticsFactsProjection.name, minPosition);
    const cached = this.cached;
    if (cached && (await this.readModels.checkpoint(statisticsFactsProjection.name)) === cached.position) return cached;
    const { position, documents } = await this.readModels.snapshot<StatisticsDocument>(statisticsFactsProjection.name);
    const fresh = { position, facts: factsOf(documents) };
    this.cached = fresh;
    return fresh;
  }
}
