import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth';
import { Ctx, RequestContext } from '../event-sourcing';
import { WriteResult } from '../participants/dto/participant.response';
import { DismissDuplicate } from './commands/dismiss-duplicate';
import { MergeParticipants } from './commands/merge-participants';
import { DuplicatePairView } from './dto/duplicate-pair.view';
import { DuplicatePairDto, MergeParticipantsDto } from './dto/merge.dto';
import { ListDuplicates } from './queries/list-duplicates';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller()
export class DuplicatesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get('duplicates')
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ type: [DuplicatePairView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<DuplicatePairView[]> {
    return this.queries.execute(new ListDuplicates(user));
  }

  @Post('participants/:id/merge')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ type: WriteResult, description: 'a coordinator merges a listed pair inside her municipality; anything else needs an admin, '
    + 'and a pair never listed also a reason (403 forbidden, 422 merge_reason_required)' })
  merge(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MergeParticipantsDto): Promise<WriteResult> {
    return this.commands.execute(new MergeParticipants(user, context, id, body.duplicateId, body.reason));
  }

  @Post('participants/:id/not-duplicate')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ description: 'marks the pair as two different people' })
  dismiss(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DuplicatePairDto) {
    return this.commands.execute(new DismissDuplicate(user, context, id, body.duplicateId));
  }
}
