import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags, IntersectionType } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiProblemResponse, setVersionHeaders, UuidParam } from '../../http';
import { MinPositionQuery } from '../../read-models';
import { GetPathway } from './get-pathway.handler';
import { PathwayView } from './pathway.response';

/** `minPosition` for the live answer; `asOf` or `atPosition` for the pathway as it was then. */
class PathwayQuery extends IntersectionType(MinPositionQuery, PastMomentQuery) {}

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class PathwayRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: PathwayView, description: 'the pathway now, or with asOf / atPosition as it was then' })
  @ApiProblemResponse(400, 'validation_failed: a malformed id, minPosition, asOf or atPosition, or asOf and atPosition together')
  @ApiProblemResponse(403, 'forbidden: a pathway of another municipality')
  @ApiProblemResponse(404, 'not_found: no such pathway, or not yet at that moment')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PathwayQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PathwayView> {
    const view: PathwayView = await this.queries.execute(new GetPathway(user, id, query.minPosition, pastMoment(query)));
    setVersionHeaders(res, view.version);
    return view;
  }
}
