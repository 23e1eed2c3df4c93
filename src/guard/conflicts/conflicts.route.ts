import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ConflictsPage } from './conflicts.response';
import { ListConflicts } from './list-conflicts.handler';
import { ListConflictsQuery } from './list-conflicts.query';
import { ApiOperationFor } from '../../http';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('conflicts')
export class ConflictsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'List duplicate pathways',
    description:
      'Pathways of one kind that ran at the same time under two registrations of one person, found by merging them, until one of each pair ends.',
    answers: { status: 200, type: ConflictsPage, description: 'One page of participants with their conflicts' },
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListConflictsQuery): Promise<ConflictsPage> {
    return this.queries.execute(new ListConflicts(user, query));
  }
}
