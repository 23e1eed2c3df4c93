import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { MinPositionQuery } from '../../read-models';
import { CareerView } from './career.view';
import { GetCareer } from './get-career.handler';
import { ApiOperationFor, UuidParam } from '../../http';

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
      'All of the participant’s pathways across jurisdictions with what the guard noted, their overrides, case conferences and merged registrations.',
    answers: { status: 200, type: CareerView, description: 'The career' },
    problems: { 404: ['participant_not_found'] },
  })
  career(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Query() query: MinPositionQuery): Promise<CareerView> {
    return this.queries.execute(new GetCareer(user, id, new Date(), query.minPosition));
  }
}
