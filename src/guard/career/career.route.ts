import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags, IntersectionType } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiOperationFor, UuidParam } from '../../http';
import { MinPositionQuery } from '../../read-models';
import { CareerView } from './career.view';
import { GetCareer } from './get-career.handler';

/** `minPosition` for the live answer; `asOf` or `atPosition` for the career as it was then. */
class CareerQuery extends IntersectionType(MinPositionQuery, PastMomentQuery) {}

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('participants')
export class CareerRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/career')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read a career',
    description:
      'All of the participant’s pathways across jurisdictions with what the guard noted, their overrides, case conferences and merged registrations; with `asOf` or `atPosition` (not both) the career as it was then.',
    answers: { status: 200, type: CareerView, description: 'The career now, or as it was then' },
    problems: { 404: ['participant_not_found'] },
  })
  career(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Query() query: CareerQuery): Promise<CareerView> {
    return this.queries.execute(new GetCareer(user, id, new Date(), query.minPosition, pastMoment(query)));
  }
}
