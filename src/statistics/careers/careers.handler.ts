import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { careersParameters } from '../statistics-parameters';
import { StatisticsQueries } from '../statistics-queries.service';
import { StatisticsAnswer } from '../statistics.response';
import { PeriodQuery } from '../statistics-query.dto';

export class GetCareerStatistics {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: PeriodQuery,
    readonly now: Date,
  ) {}
}

/** The measure-career indicator: persons by pathways and jurisdictions in 24 months, three or more unsuccessful pathways of one kind, the guard's refusals by rule per quarter. */
@QueryHandler(GetCareerStatistics)
export class GetCareerStatisticsHandler implements IQueryHandler<GetCareerStatistics, StatisticsAnswer> {
  constructor(private readonly statistics: StatisticsQueries) {}

  execute({ user, query, now }: GetCareerStatistics): Promise<StatisticsAnswer> {
    return this.statistics.answer('careers', careersParameters(user, query, now), query.minPosition);
  }
}
