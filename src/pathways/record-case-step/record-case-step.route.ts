import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { RecordCaseStepDto } from './record-case-step.dto';
import { RecordCaseStepRequest } from './record-case-step.handler';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class RecordCaseStepRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/case-steps')
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: '`id` is the new case step’s id' })
  async recordCaseStep(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: RecordCaseStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new RecordCaseStepRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
