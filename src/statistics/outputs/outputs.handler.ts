import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { outputsParameters } from '../statistics-parameters';
import { StatisticsQueries } from '../statistics-queries.service';
import { StatisticsAnswer } from '../statistics.response';
import { PeriodQuery } from '../statistics-query.dto';

export class GetOutputStatistics {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: PeriodQuery,
  ) {}
}

/** Outputs as the seeds report counts them: placement offers, employer contacts, internships, exams registered, certificates obtained. */
@QueryHandler(GetOutputStatistics)
export class GetOutputStatisticsHandler implements IQueryHandler<GetOutputStatistics, StatisticsAnswer> {
  constructor(private readonly statistics: StatisticsQueries) {}

  execute({ user, query }: GetOutputStatistics): Promise<StatisticsAnswer> {
    return this.statistics.answer('outputs', outputsParameters(user, query), query.minPosition);
  }
}
