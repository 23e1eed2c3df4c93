import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, WriteResult } from '../../http';
import { PublishOfferDto } from './publish-offer.dto';
import { PublishOfferRequest } from './publish-offer.handler';
import type { HttpResponse } from '../../http';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class PublishOfferRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Publish an offer',
    description: 'Adds an offer of a provider to the municipality’s catalogue, with its places and period and who it is open to.',
    answers: { status: 201, type: WriteResult, description: 'Published; `id` is the new offer’s id', etag: true, location: true },
    problems: { 403: ['forbidden'], 409: ['offer_exists'], 422: ['invalid_period'] },
  })
  async publish(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: PublishOfferDto,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new PublishOfferRequest(user, context, body));
    res.header('Location', `/offers/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
