import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { RecordCaseStepDto } from './record-case-step.dto';
import { RecordCaseStepRequest } from './record-case-step.handler';
import type { HttpResponse } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class RecordCaseStepRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/case-steps')
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Record a case step',
    description: 'Records a contact, meeting or other step of the coaching, and optionally the next one planned.',
    answers: { status: 201, type: WriteResult, description: 'Recorded; `id` is the new case step’s id', etag: true },
    problems: {
      404: ['not_found'],
      409: ['pathway_not_active', 'personal_data_erased'],
      422: ['step_in_future', 'step_before_start', 'next_step_before_step'],
    },
    ifMatch: true,
  })
  async recordCaseStep(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: RecordCaseStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new RecordCaseStepRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
