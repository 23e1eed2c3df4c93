import { Inject, Injectable } from '@nestjs/common';
import { computeStatistics, DisclosureRule, DomainError, StatisticsParameters, StatisticsType } from '@lotse/domain';
import { StatisticsFactsSource } from './facts/statistics-facts.service';
import { statisticsAnswer } from './statistics-output';
import { StatisticsAnswer } from './statistics.response';
import { DISCLOSURE_RULE } from './statistics.tokens';

/** Runs a statistics query on the read model's facts: the one path of the four query routes and of a new report. */
@Injectable()
export class StatisticsQueries {
  constructor(
    private readonly facts: StatisticsFactsSource,
    @Inject(DISCLOSURE_RULE) readonly rule: DisclosureRule,
  ) {}

  async answer(type: StatisticsType, parameters: StatisticsParameters, minPosition?: number): Promise<StatisticsAnswer> {
    const { position, facts } = await this.facts.current(minPosition);
    return statisticsAnswer(computeStatistics(type, facts, parameters, this.rule), parameters, position, this.rule);
  }
}

/** `from` after `to` is a client's mistake: 400 with the field named. */
export const assertPeriod = (from: string | undefined, to: string | undefined): void => {
  if (from !== undefined && to !== undefined && from > to)
    throw new DomainError('validation_failed', `to: the period ends on ${to}, before it starts on ${from}`, {
      errors: [{ field: 'to', message: `to must not be before from (${from})` }],
    });
};

/** Today as a calendar day, for the defaults that depend on it. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);
