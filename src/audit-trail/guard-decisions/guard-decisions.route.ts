import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, UuidParam } from '../../http';
import { GetGuardDecisions } from './guard-decisions.handler';
import { GuardDecisions } from './guard-decisions.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/participants')
export class GuardDecisionsRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/decisions')
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'List a person’s guard decisions',
    description: 'Every decision of the measure-career guard on an opening for the person, with the career it rested on.',
    answers: { status: 200, type: GuardDecisions, description: 'The decisions' },
    problems: { 403: ['forbidden'], 404: ['participant_not_found'] },
  })
  decisions(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<GuardDecisions> {
    return this.queries.execute(new GetGuardDecisions(user, id));
  }
}
