import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { statisticsAnswers } from '../statistics-answers';
import { respond } from '../statistics-output';
import { StatisticsAnswer } from '../statistics.response';
import { PathwayStatisticsQuery } from './pathway-statistics.dto';
import { GetPathwayStatistics } from './pathway-statistics.handler';
import { ApiOperationFor } from '../../http';
import type { HttpRequest, HttpResponse } from '../../http';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class PathwayStatisticsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get('pathways')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Count pathways',
    description:
      'Pathways started, active, ended, completed or aborted in a period, their transition rate or median duration, grouped. ' +
      'JSON, or CSV with `?format=csv` or `Accept: text/csv`. Cells below the disclosure rule’s minimum are suppressed.',
    answers: statisticsAnswers(),
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PathwayStatisticsQuery,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StatisticsAnswer | string> {
    const answer: StatisticsAnswer = await this.queries.execute(new GetPathwayStatistics(user, query));
    return respond(req, res, query, answer);
  }
}
