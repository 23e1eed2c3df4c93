import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, WriteResult } from '../../http';
import { RegisterParticipantDto } from './register-participant.dto';
import { RegisterParticipantRequest } from './register-participant.handler';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class RegisterParticipantRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Register a participant',
    description:
      'Registers a young person in the caller’s municipality with their personal data (stored encrypted) and entitlements. ' +
      'A likely duplicate of an existing registration is listed for a coordinator (GET /duplicates), not refused.',
    answers: { status: 201, type: WriteResult, description: 'Registered; `id` is the new participant’s id', etag: true, location: true },
    problems: { 403: ['forbidden'], 409: ['participant_exists', 'entitlement_overlaps'], 422: ['invalid_period'] },
  })
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: RegisterParticipantDto,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new RegisterParticipantRequest(user, context, body));
    res.header('Location', `/participants/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
