import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse, UuidParam } from '../../http';
import { GetGuardDecisions } from './guard-decisions.handler';
import { GuardDecisions } from './guard-decisions.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/participants')
export class GuardDecisionsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/decisions')
  @Roles('auditor', 'admin')
  @ApiOkResponse({ type: GuardDecisions, description: 'every guard decision on an opening for the person, with the career it rested on' })
  @ApiProblemResponse(400, 'validation_failed: the id is not a UUID')
  @ApiProblemResponse(403, 'forbidden: a participant of another municipality')
  @ApiProblemResponse(404, 'participant_not_found: no such participant')
  decisions(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<GuardDecisions> {
    return this.queries.execute(new GetGuardDecisions(user, id));
  }
}
