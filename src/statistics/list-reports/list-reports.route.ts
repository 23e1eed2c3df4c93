import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
import { ReportPage } from '../reports/report.response';
import { ListReports } from './list-reports.handler';
import { ListReportsQuery } from './list-reports.query';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ListReportsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOkResponse({ type: ReportPage, description: 'stored reports, newest first; a coordinator sees those of her municipality' })
  @ApiProblemResponse(400, 'validation_failed: page, pageSize or minPosition invalid')
  @ApiProblemResponse(401, 'unauthenticated: no valid token')
  @ApiProblemResponse(403, 'forbidden: not a coordinator, analyst or admin')
  @ApiProblemResponse(503, 'read_model_behind: the list has not reached minPosition yet (Retry-After)')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListReportsQuery): Promise<ReportPage> {
    return this.queries.execute(new ListReports(user, query));
  }
}
