import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse, UuidParam } from '../../http';
import { ReproductionResult } from '../reports/report.response';
import { ReproduceReport } from './reproduce-report.handler';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReproduceReportRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/reproduction')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOkResponse({
    type: ReproductionResult,
    description: 'the report recomputed from the event log up to its position by replay, not from the read models',
  })
  @ApiProblemResponse(401, 'unauthenticated: no valid token')
  @ApiProblemResponse(403, 'forbidden: not a coordinator, analyst or admin, or a coordinator asking for another municipality’s report')
  @ApiProblemResponse(404, 'not_found: no such report')
  reproduce(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ReproductionResult> {
    return this.queries.execute(new ReproduceReport(user, id));
  }
}
