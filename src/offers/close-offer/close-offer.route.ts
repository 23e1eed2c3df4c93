import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { CloseOfferDto } from './close-offer.dto';
import { CloseOfferRequest } from './close-offer.handler';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class CloseOfferRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ type: WriteResult, description: '409 offer_closed when it is closed already' })
  async close(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: CloseOfferDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new CloseOfferRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
