import {
  CareersParameters,
  NEEDS_OFFERS_DIMENSIONS,
  NeedsOffersParameters,
  OutputsParameters,
  PathwaysParameters,
  StatisticsParameters,
  StatisticsType,
  windowStart,
} from '@lotse/domain';
import { AuthenticatedUser } from '../auth';
import { NeedsOffersQuery } from './needs-offers/needs-offers.dto';
import { PathwayStatisticsQuery } from './pathway-statistics/pathway-statistics.dto';
import { statisticsScope } from './statistics-access';
import { assertPeriod, today } from './statistics-queries.service';
import { PeriodQuery } from './statistics-query.dto';

/*
 * A query's parameters with every default resolved: the municipality the caller may see, and the
 * days that default to today. What a route computes and what a report stores, so the report's
 * reproduction asks exactly the same question years later.
 */

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const pathwaysParameters = (user: AuthenticatedUser, q: PathwayStatisticsQuery): PathwaysParameters => {
  assertPeriod(q.from, q.to);
  return defined({
    measure: q.measure ?? 'started',
    groupBy: q.groupBy ?? ['kind'],
    from: q.from,
    to: q.to,
    municipality: statisticsScope(user, q.municipality),
  });
};

export const needsOffersParameters = (user: AuthenticatedUser, q: NeedsOffersQuery, now: Date): NeedsOffersParameters =>
  defined({
    on: q.on ?? today(now),
    groupBy: NEEDS_OFFERS_DIMENSIONS.filter((d) => (q.groupBy ?? ['kind', 'residenceStatus']).includes(d)),
    municipality: statisticsScope(user, q.municipality),
  });

/** The measure-career indicator looks at 24 months, ending today unless `to` says otherwise. */
export const CAREER_WINDOW_MONTHS = 24;

export const careersParameters = (user: AuthenticatedUser, q: PeriodQuery, now: Date): CareersParameters => {
  const to = q.to ?? today(now);
  const from = q.from ?? windowStart(to, CAREER_WINDOW_MONTHS);
  assertPeriod(from, to);
  return defined({ from, to, municipality: statisticsScope(user, q.municipality) });
};

export const outputsParameters = (user: AuthenticatedUser, q: PeriodQuery): OutputsParameters => {
  assertPeriod(q.from, q.to);
  return defined({ from: q.from, to: q.to, municipality: statisticsScope(user, q.municipality) });
};

/** The query class that validates the parameters of each type, and the resolver of its defaults. */
export const PARAMETERS_OF: Record<
  StatisticsType,
  { query: new () => object; resolve: (user: AuthenticatedUser, q: never, now: Date) => StatisticsParameters }
> = {
  pathways: { query: PathwayStatisticsQuery, resolve: pathwaysParameters },
  'needs-offers': { query: NeedsOffersQuery, resolve: needsOffersParameters },
  careers: { query: PeriodQuery, resolve: careersParameters },
  outputs: { query: PeriodQuery, resolve: outputsParameters },
};
