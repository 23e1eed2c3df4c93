import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { needsOffersParameters } from '../statistics-parameters';
import { StatisticsQueries } from '../statistics-queries.service';
import { StatisticsAnswer } from '../statistics.response';
import { NeedsOffersQuery } from './needs-offers.dto';

export class GetNeedsOffers {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: NeedsOffersQuery,
    readonly now: Date,
  ) {}
}

/** On one day, people with an open need against the places open to their residence status, and the gap. */
@QueryHandler(GetNeedsOffers)
export class GetNeedsOffersHandler implements IQueryHandler<GetNeedsOffers, StatisticsAnswer> {
  constructor(private readonly statistics: StatisticsQueries) {}

  execute({ user, query, now }: GetNeedsOffers): Promise<StatisticsAnswer> {
    return this.statistics.answer('needs-offers', needsOffersParameters(user, query, now), query.minPosition);
  }
}
