import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { setVersionHeaders, WriteResult } from '../../http';
import { RegisterParticipantDto } from './register-participant.dto';
import { RegisterParticipantRequest } from './register-participant.handler';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class RegisterParticipantRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult })
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: RegisterParticipantDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new RegisterParticipantRequest(user, context, body));
    res.location(`/participants/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
