import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
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
  @ApiOperationFor({
    summary: 'List stored reports',
    description: 'Stored reports, newest first; a coordinator sees those of her municipality.',
    answers: { status: 200, type: ReportPage, description: 'One page of reports' },
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListReportsQuery): Promise<ReportPage> {
    return this.queries.execute(new ListReports(user, query));
  }
}
