import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { TransferPathwayDto } from './transfer-pathway.dto';
import { TransferPathwayRequest } from './transfer-pathway.handler';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class TransferPathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  async transfer(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: TransferPathwayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new TransferPathwayRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
