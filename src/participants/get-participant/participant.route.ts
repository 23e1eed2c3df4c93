import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth';
import { Ctx, RequestContext } from '../event-sourcing';
import { parseIfMatch, setVersionHeaders } from '../http';
import { ChangeParticipant } from './commands/change-participant';
import { ErasePersonalData } from './commands/erase-personal-data';
import { RegisterParticipant } from './commands/register-participant';
import { ChangeResidenceStatusDto } from './dto/change-residence-status.dto';
import { EndEntitlementDto } from './dto/end-entitlement.dto';
import { EntitlementDto } from './dto/entitlement.dto';
import { ParticipantView, WriteResult } from './dto/participant.response';
import { RegisterParticipantDto } from './dto/register-participant.dto';
import { GetParticipant } from './queries/get-participant';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult })
  async register(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Body() body: RegisterParticipantDto,
    @Res({ passthrough: true }) res: Response): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new RegisterParticipant(user, context, body));
    res.location(`/participants/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: ParticipantView })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response): Promise<ParticipantView> {
    const view: ParticipantView = await this.queries.execute(new GetParticipant(user, id));
    setVersionHeaders(res, view.version);
    return view;
  }

  @Post(':id/residence-status')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  changeResidenceStatus(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeResidenceStatusDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangeParticipant(user, context, id, { type: 'ChangeResidenceStatus', ...body }, parseIfMatch(ifMatch)));
  }

  @Post(':id/entitlements')
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: '`id` is the new entitlement’s id' })
  addEntitlement(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EntitlementDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangeParticipant(user, context, id, { type: 'AddEntitlement', entitlement: { ...body } }, parseIfMatch(ifMatch)));
  }

  @Post(':id/entitlements/:entitlementId/end')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  endEntitlement(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Param('entitlementId') entitlementId: string, @Body() body: EndEntitlementDto, @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangeParticipant(user, context, id, { type: 'EndEntitlement', entitlementId, to: body.to }, parseIfMatch(ifMatch)));
  }

  @Delete(':id/personal-data')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: WriteResult, description: 'destroys the participant’s key: names, birth date and notes become unreadable for good' })
  async erase(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ErasePersonalData(context, id));
  }

  private async change(res: Response, command: ChangeParticipant | ErasePersonalData): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(command);
    setVersionHeaders(res, result.version);
    return result;
  }
}
