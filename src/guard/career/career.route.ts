import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { MinPositionQuery } from '../../read-models';
import { CareerView } from './career.view';
import { GetCareer } from './get-career.handler';
import { UuidParam } from '../../http';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('participants')
export class CareerRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/career')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: CareerView })
  career(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Query() query: MinPositionQuery): Promise<CareerView> {
    return this.queries.execute(new GetCareer(user, id, new Date(), query.minPosition));
  }
}
