import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse, UuidParam } from '../../http';
import { GetAccessReport } from './access-report.handler';
import { AccessReport } from './access-report.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('participants')
export class AccessReportRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/access-report')
  @Roles('admin')
  @ApiOkResponse({ type: AccessReport, description: "which bodies read the person's data, for a request under Art. 15 GDPR" })
  @ApiProblemResponse(400, 'validation_failed: the id is not a UUID')
  @ApiProblemResponse(404, 'participant_not_found: no such participant')
  report(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<AccessReport> {
    return this.queries.execute(new GetAccessReport(user, id));
  }
}
