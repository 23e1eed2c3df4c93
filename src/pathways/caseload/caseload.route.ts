import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { CaseloadPage } from './caseload.response';
import { ListPathways } from './list-pathways.handler';
import { ListPathwaysQuery } from './list-pathways.query';
import { ApiOperationFor } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class CaseloadRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'List the caseload',
    description: 'Pathways of the caller’s municipality (an admin names one), each with its last and next step, filtered and paged.',
    answers: { status: 200, type: CaseloadPage, description: 'One page of the caseload' },
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListPathwaysQuery): Promise<CaseloadPage> {
    return this.queries.execute(new ListPathways(user, query, new Date()));
  }
}
