import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { EndEntitlementDto } from './end-entitlement.dto';
import { EndEntitlementRequest } from './end-entitlement.handler';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class EndEntitlementRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/entitlements/:entitlementId/end')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'End an entitlement',
    description: 'Sets the last day of one of the participant’s entitlements.',
    answers: { status: 200, type: WriteResult, description: 'Ended', etag: true },
    problems: { 404: ['not_found'], 409: ['participant_not_active'], 422: ['entitlement_not_found', 'invalid_period'] },
    ifMatch: true,
  })
  async endEntitlement(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Param('entitlementId') entitlementId: string,
    @Body() body: EndEntitlementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(
      new EndEntitlementRequest(user, context, id, entitlementId, body, parseIfMatch(ifMatch)),
    );
    setVersionHeaders(res, result.version);
    return result;
  }
}
