import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, UuidParam } from '../../http';
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
  @ApiOperationFor({
    summary: 'Merge two registrations',
    description:
      'Merges the registration `duplicateId` into this one: its pathways, overrides and case conferences move here. Pathways that now overlap are reported as duplicate pathways.',
    answers: { status: 200, type: MergeResult, description: 'Merged' },
    problems: {
      403: ['forbidden'],
      404: ['not_found', 'participant_not_found'],
      409: ['participant_not_active', 'personal_data_erased', 'ledger_closed', 'ledger_mismatch', 'ledger_not_closed'],
      422: ['invalid_merge', 'merge_reason_required'],
    },
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
