import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { DuplicatePairView } from './duplicate-pair.view';
import { ListDuplicates } from './list-duplicates.handler';
import { ApiOperationFor } from '../../http';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('duplicates')
export class DuplicatePairsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'List potential duplicates',
    description: 'Pairs of registrations that may be the same person, from the caller’s municipality, with how their fields compare.',
    answers: { status: 200, type: [DuplicatePairView], description: 'The open pairs' },
  })
  list(@CurrentUser() user: AuthenticatedUser): Promise<DuplicatePairView[]> {
    return this.queries.execute(new ListDuplicates(user));
  }
}
