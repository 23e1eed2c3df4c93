import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { statisticsAnswers } from '../statistics-answers';
import { respond } from '../statistics-output';
import { StatisticsAnswer } from '../statistics.response';
import { PeriodQuery } from '../statistics-query.dto';
import { GetOutputStatistics } from './outputs.handler';
import { ApiOperationFor } from '../../http';
import type { HttpRequest, HttpResponse } from '../../http';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class OutputStatisticsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get('outputs')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Count outputs',
    description:
      'Outputs as the seeds report counts them: placement offers, employer contacts, internships, exams registered, certificates obtained. ' +
      'JSON, or CSV with `?format=csv` or `Accept: text/csv`. Cells below the disclosure rule’s minimum are suppressed.',
    answers: statisticsAnswers(),
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PeriodQuery,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StatisticsAnswer | string> {
    const answer: StatisticsAnswer = await this.queries.execute(new GetOutputStatistics(user, query));
    return respond(req, res, query, answer);
  }
}
