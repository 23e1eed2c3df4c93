import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { pathwaysParameters } from '../statistics-parameters';
import { StatisticsQueries } from '../statistics-queries.service';
import { StatisticsAnswer } from '../statistics.response';
import { PathwayStatisticsQuery } from './pathway-statistics.dto';

export class GetPathwayStatistics {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: PathwayStatisticsQuery,
  ) {}
}

/** Pathways started, active, ended, completed or aborted in a period, their transition rate or median duration, grouped. */
@QueryHandler(GetPathwayStatistics)
export class GetPathwayStatisticsHandler implements IQueryHandler<GetPathwayStatistics, StatisticsAnswer> {
  constructor(private readonly statistics: StatisticsQueries) {}

  execute({ user, query }: GetPathwayStatistics): Promise<StatisticsAnswer> {
    return this.statistics.answer('pathways', pathwaysParameters(user, query), query.minPosition);
  }
}
