import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { CaseloadPage } from './caseload.response';
import { ListPathways } from './list-pathways.handler';
import { ListPathwaysQuery } from './list-pathways.query';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class CaseloadRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: CaseloadPage, description: 'the caseload: pathways of a municipality with the last and next step' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListPathwaysQuery): Promise<CaseloadPage> {
    return this.queries.execute(new ListPathways(user, query, new Date()));
  }
}
