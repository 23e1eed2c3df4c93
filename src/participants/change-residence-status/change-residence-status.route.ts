import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { ChangeResidenceStatusDto } from './change-residence-status.dto';
import { ChangeResidenceStatusRequest } from './change-residence-status.handler';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ChangeResidenceStatusRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/residence-status')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Change the residence status',
    description: 'Records a new residence status from a given day; the guard’s eligibility rule (R4) reads it for pathways opened after.',
    answers: { status: 200, type: WriteResult, description: 'Changed', etag: true },
    problems: { 404: ['not_found'], 409: ['participant_not_active', 'version_conflict'] },
    ifMatch: true,
  })
  async changeResidenceStatus(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: ChangeResidenceStatusDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(
      new ChangeResidenceStatusRequest(user, context, id, body, parseIfMatch(ifMatch)),
    );
    setVersionHeaders(res, result.version);
    return result;
  }
}
