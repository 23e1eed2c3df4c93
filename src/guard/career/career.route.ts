import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags, IntersectionType } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { MinPositionQuery } from '../../read-models';
import { CareerView } from './career.view';
import { GetCareer } from './get-career.handler';
import { pastMoment, PastMomentQuery } from '../../event-sourcing';
import { ApiProblemResponse, UuidParam } from '../../http';

/** `minPosition` for the live answer; `asOf` or `atPosition` for the career as it was then. */
class CareerQuery extends IntersectionType(MinPositionQuery, PastMomentQuery) {}

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('participants')
export class CareerRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/career')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: CareerView, description: 'the career now, or with asOf / atPosition as it was then' })
  @ApiProblemResponse(400, 'validation_failed: a malformed id, minPosition, asOf or atPosition, or asOf and atPosition together')
  @ApiProblemResponse(403, 'forbidden: a person with no registration in the caller’s municipality')
  @ApiProblemResponse(404, 'participant_not_found: no such participant, or not yet at that moment')
  career(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Query() query: CareerQuery): Promise<CareerView> {
    return this.queries.execute(new GetCareer(user, id, new Date(), query.minPosition, pastMoment(query)));
  }
}
