import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { setVersionHeaders, WriteResult } from '../../http';
import { OpenPathwayDto } from './open-pathway.dto';
import { OpenPathwayRequest } from './open-pathway.handler';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class OpenPathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult })
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: OpenPathwayDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new OpenPathwayRequest(user, context, body));
    res.location(`/pathways/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
