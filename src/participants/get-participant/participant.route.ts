import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, UuidParam } from '../../http';
import { GetParticipant } from './get-participant.handler';
import { ParticipantView } from './participant.response';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ParticipantRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read a participant',
    description:
      'The participant’s registration, entitlements, latest needs assessment and open needs. Personal data only for a coach or admin, and never once erased. With `asOf` or `atPosition` (not both) the participant as it was then.',
    answers: { status: 200, type: ParticipantView, description: 'The participant now, or as it was then', etag: true },
    problems: { 404: ['not_found'] },
    conditional: true,
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PastMomentQuery,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<ParticipantView> {
    const view: ParticipantView = await this.queries.execute(new GetParticipant(user, id, pastMoment(query)));
    setVersionHeaders(res, view.version);
    return view;
  }
}
