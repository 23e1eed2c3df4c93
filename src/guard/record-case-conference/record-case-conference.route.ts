import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, UuidParam, WriteResult } from '../../http';
import { RecordCaseConferenceDto } from './record-case-conference.dto';
import { RecordCaseConferenceRequest } from './record-case-conference.handler';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('participants')
export class RecordCaseConferenceRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/case-conferences')
  @Roles('coach', 'coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Record a case conference',
    description:
      'Records that a case conference decided on the participant’s career; it lifts R3 (career risk) for the pathways opened after it.',
    answers: { status: 201, type: WriteResult, description: 'Recorded; `id` is the case conference’s id' },
    problems: { 404: ['participant_not_found'], 409: ['ledger_closed', 'personal_data_erased'], 422: ['step_in_future'] },
  })
  recordCaseConference(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: RecordCaseConferenceDto,
  ): Promise<WriteResult> {
    return this.commands.execute(new RecordCaseConferenceRequest(user, context, id, body));
  }
}
