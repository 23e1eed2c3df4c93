import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { AddEntitlementRequest } from './add-entitlement.handler';
import { EntitlementDto } from './entitlement.dto';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class AddEntitlementRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/entitlements')
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Add an entitlement',
    description: 'Records that the participant is entitled to support under one jurisdiction for a period.',
    answers: { status: 201, type: WriteResult, description: 'Added; `id` is the new entitlement’s id', etag: true },
    problems: { 404: ['not_found'], 409: ['participant_not_active', 'entitlement_overlaps'], 422: ['invalid_period'] },
    ifMatch: true,
  })
  async addEntitlement(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: EntitlementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new AddEntitlementRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
