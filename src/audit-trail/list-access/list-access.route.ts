import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
import { ListAccessQuery } from './list-access.dto';
import { ListAccess } from './list-access.handler';
import { AccessPage } from './access-record.view';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/access')
export class ListAccessRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'List reads of personal data',
    description: 'Who read whose personal data, newest first, filtered and paged.',
    answers: { status: 200, type: AccessPage, description: 'One page of reads' },
    problems: { 403: ['forbidden'], 404: ['participant_not_found'] },
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListAccessQuery): Promise<AccessPage> {
    return this.queries.execute(new ListAccess(user, query));
  }
}
