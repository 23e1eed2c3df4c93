import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, UuidParam } from '../../http';
import { GetAccessReport } from './access-report.handler';
import { AccessReport } from './access-report.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('participants')
export class AccessReportRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/access-report')
  @Roles('admin')
  @ApiOperationFor({
    summary: 'Report who read a person’s data',
    description: 'Which bodies read the person’s data, and when, for a request under Art. 15 GDPR.',
    answers: { status: 200, type: AccessReport, description: 'The report' },
    problems: { 404: ['participant_not_found'] },
  })
  report(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<AccessReport> {
    return this.queries.execute(new GetAccessReport(user, id));
  }
}
