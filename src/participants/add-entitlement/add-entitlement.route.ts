import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { AddEntitlementRequest } from './add-entitlement.handler';
import { EntitlementDto } from './entitlement.dto';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class AddEntitlementRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/entitlements')
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: '`id` is the new entitlement’s id' })
  async addEntitlement(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: EntitlementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new AddEntitlementRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
