import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, UuidParam } from '../../http';
import { ReproductionResult } from '../reports/report.response';
import { ReproduceReport } from './reproduce-report.handler';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReproduceReportRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/reproduction')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Reproduce a stored report',
    description: 'The report recomputed from the event log up to its position by replay, not from the read models, and whether it matches.',
    answers: { status: 200, type: ReproductionResult, description: 'The reproduction' },
    problems: { 404: ['not_found'] },
  })
  reproduce(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ReproductionResult> {
    return this.queries.execute(new ReproduceReport(user, id));
  }
}
