import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags, IntersectionType } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, UuidParam } from '../../http';
import { MinPositionQuery } from '../../read-models';
import { GetPathway } from './get-pathway.handler';
import { PathwayView } from './pathway.response';
import type { HttpResponse } from '../../http';

/** `minPosition` for the live answer; `asOf` or `atPosition` for the pathway as it was then. */
class PathwayQuery extends IntersectionType(MinPositionQuery, PastMomentQuery) {}

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class PathwayRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read a pathway',
    description:
      'The pathway with its goal and its case steps in time order; notes only for a coach or admin. With `asOf` or `atPosition` (not both) the pathway as it was then.',
    answers: { status: 200, type: PathwayView, description: 'The pathway now, or as it was then', etag: true },
    problems: { 404: ['not_found'] },
    conditional: true,
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PathwayQuery,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<PathwayView> {
    const view: PathwayView = await this.queries.execute(new GetPathway(user, id, query.minPosition, pastMoment(query)));
    setVersionHeaders(res, view.version);
    return view;
  }
}
