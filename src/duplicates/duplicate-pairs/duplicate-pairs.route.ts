import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { DuplicatePairView } from './duplicate-pair.view';
import { ListDuplicates } from './list-duplicates.handler';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('duplicates')
export class DuplicatePairsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ type: [DuplicatePairView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<DuplicatePairView[]> {
    return this.queries.execute(new ListDuplicates(user));
  }
}
