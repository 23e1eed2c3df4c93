import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
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
  @ApiOkResponse({ type: AccessPage, description: 'who read whose data, newest first' })
  @ApiProblemResponse(400, 'validation_failed: a malformed participantId, from, to, page or pageSize')
  @ApiProblemResponse(403, 'forbidden: a participant of another municipality')
  @ApiProblemResponse(404, 'participant_not_found: no such participant')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListAccessQuery): Promise<AccessPage> {
    return this.queries.execute(new ListAccess(user, query));
  }
}
