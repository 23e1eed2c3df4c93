import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { UuidParam, WriteResult } from '../../http';
import { RecordCaseConferenceDto } from './record-case-conference.dto';
import { RecordCaseConferenceRequest } from './record-case-conference.handler';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('participants')
export class RecordCaseConferenceRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/case-conferences')
  @Roles('coach', 'coordinator', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: 'a case conference lifts R3 (career risk) for the pathways after it' })
  recordCaseConference(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: RecordCaseConferenceDto,
  ): Promise<WriteResult> {
    return this.commands.execute(new RecordCaseConferenceRequest(user, context, id, body));
  }
}
