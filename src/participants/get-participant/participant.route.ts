import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiProblemResponse, setVersionHeaders, UuidParam } from '../../http';
import { GetParticipant } from './get-participant.handler';
import { ParticipantView } from './participant.response';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ParticipantRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: ParticipantView, description: 'the participant now, or with asOf / atPosition as it was then' })
  @ApiProblemResponse(400, 'validation_failed: a malformed id, asOf or atPosition, or both of them')
  @ApiProblemResponse(403, 'forbidden: a participant of another municipality')
  @ApiProblemResponse(404, 'not_found: no such participant, or not yet at that moment')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PastMomentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ParticipantView> {
    const view: ParticipantView = await this.queries.execute(new GetParticipant(user, id, pastMoment(query)));
    setVersionHeaders(res, view.version);
    return view;
  }
}
