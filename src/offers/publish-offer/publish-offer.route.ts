import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { setVersionHeaders, WriteResult } from '../../http';
import { PublishOfferDto } from './publish-offer.dto';
import { PublishOfferRequest } from './publish-offer.handler';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class PublishOfferRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'admin')
  @ApiCreatedResponse({ type: WriteResult })
  async publish(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: PublishOfferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new PublishOfferRequest(user, context, body));
    res.location(`/offers/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
