import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ConflictsPage } from './conflicts.response';
import { ListConflicts } from './list-conflicts.handler';
import { ListConflictsQuery } from './list-conflicts.query';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('conflicts')
export class ConflictsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ type: ConflictsPage, description: 'duplicate pathways found by merging two registrations, until one of each pair ends' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListConflictsQuery): Promise<ConflictsPage> {
    return this.queries.execute(new ListConflicts(user, query));
  }
}
