import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { CloseOfferDto } from './close-offer.dto';
import { CloseOfferRequest } from './close-offer.handler';
import type { HttpResponse } from '../../http';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class CloseOfferRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Close an offer',
    description: 'Closes the offer from a day on: no new pathway takes a place in it.',
    answers: { status: 200, type: WriteResult, description: 'Closed', etag: true },
    problems: { 404: ['offer_not_found'], 409: ['offer_closed'] },
    ifMatch: true,
  })
  async close(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: CloseOfferDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new CloseOfferRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
