import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { UuidParam } from '../../http';
import { MergeParticipantsDto } from './merge-participants.dto';
import { MergeParticipantsRequest } from './merge-participants.handler';
import { MergeResult } from './merge-result';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('participants')
export class MergeParticipantsRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOkResponse({
    type: MergeResult,
    description:
      'a coordinator merges a listed pair inside her municipality; anything else needs an admin, ' +
      'and a pair never listed also a reason (403 forbidden, 422 merge_reason_required)',
  })
  merge(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: MergeParticipantsDto,
  ): Promise<MergeResult> {
    return this.commands.execute(new MergeParticipantsRequest(user, context, id, body.duplicateId, body.reason));
  }
}
