import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, UuidParam } from '../../http';
import { ReportAnswer } from '../reports/report.response';
import { statisticsAnswers } from '../statistics-answers';
import { respond } from '../statistics-output';
import { StatisticsFormatQuery } from '../statistics-query.dto';
import { StatisticsAnswer } from '../statistics.response';
import { GetReport } from './get-report.handler';
import type { HttpRequest, HttpResponse } from '../../http';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class GetReportRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Read a stored report',
    description:
      'A stored report’s figures as stored, with `reportId` and `report` (its summary); JSON, or CSV with `?format=csv` or `Accept: text/csv`.',
    answers: statisticsAnswers(ReportAnswer, 'The report'),
    problems: { 404: ['not_found'] },
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: StatisticsFormatQuery,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StatisticsAnswer | string> {
    const answer: StatisticsAnswer = await this.queries.execute(new GetReport(user, id));
    return respond(req, res, query, answer);
  }
}
