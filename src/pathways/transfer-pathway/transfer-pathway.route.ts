import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { TransferPathwayDto } from './transfer-pathway.dto';
import { TransferPathwayRequest } from './transfer-pathway.handler';
import type { HttpResponse } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class TransferPathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Transfer a pathway',
    description: 'Hands the pathway to another coach of the same municipality.',
    answers: { status: 200, type: WriteResult, description: 'Transferred', etag: true },
    problems: { 404: ['not_found'], 409: ['pathway_not_active', 'already_assigned'] },
    ifMatch: true,
  })
  async transfer(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: TransferPathwayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new TransferPathwayRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
