import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { statisticsAnswers } from '../statistics-answers';
import { respond } from '../statistics-output';
import { StatisticsAnswer } from '../statistics.response';
import { PeriodQuery } from '../statistics-query.dto';
import { GetCareerStatistics } from './careers.handler';
import { ApiOperationFor } from '../../http';
import type { HttpRequest, HttpResponse } from '../../http';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class CareerStatisticsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get('careers')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Read the career indicator',
    description:
      'Persons by pathways and jurisdictions in 24 months, three or more unsuccessful pathways of one kind, and the guard’s refusals by rule per quarter. ' +
      'JSON, or CSV with `?format=csv` or `Accept: text/csv`. Cells below the disclosure rule’s minimum are suppressed.',
    answers: statisticsAnswers(),
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PeriodQuery,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StatisticsAnswer | string> {
    const answer: StatisticsAnswer = await this.queries.execute(new GetCareerStatistics(user, query, new Date()));
    return respond(req, res, query, answer);
  }
}
