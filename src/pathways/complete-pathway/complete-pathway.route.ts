import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { CompletePathwayDto } from './complete-pathway.dto';
import { CompletePathwayRequest } from './complete-pathway.handler';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class CompletePathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  async complete(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: CompletePathwayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new CompletePathwayRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
