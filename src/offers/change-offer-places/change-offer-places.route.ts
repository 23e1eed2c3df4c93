import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { ChangeOfferPlacesDto } from './change-offer-places.dto';
import { ChangeOfferPlacesRequest } from './change-offer-places.handler';
import type { HttpResponse } from '../../http';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class ChangeOfferPlacesRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/places')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Change the places of an offer',
    description: 'Sets how many places the offer has from a day on; places already taken stay taken.',
    answers: { status: 200, type: WriteResult, description: 'Changed', etag: true },
    problems: { 404: ['offer_not_found'], 409: ['offer_closed'] },
    ifMatch: true,
  })
  async changePlaces(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: ChangeOfferPlacesDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new ChangeOfferPlacesRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
