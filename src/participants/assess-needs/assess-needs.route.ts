import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { AssessNeedsDto } from './assess-needs.dto';
import { AssessNeedsRequest } from './assess-needs.handler';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class AssessNeedsRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/needs-assessments')
  @Roles('coach', 'admin')
  @ApiCreatedResponse({
    type: WriteResult,
    description: '`id` is the new assessment’s id; GET /participants/:id shows the latest and the open needs',
  })
  async assessNeeds(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: AssessNeedsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new AssessNeedsRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
