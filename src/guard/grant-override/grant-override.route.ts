import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, WriteResult } from '../../http';
import { GrantOverrideDto } from './grant-override.dto';
import { GrantOverrideRequest } from './grant-override.handler';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('overrides')
export class GrantOverrideRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Grant an override',
    description:
      'Lifts one guard rule (subsidiarity, career_risk or not_eligible) for the participant’s next pathway of a kind, until `validUntil`; duplicate_pathway cannot be overridden.',
    answers: { status: 201, type: WriteResult, description: 'Granted; `id` is the new override’s id' },
    problems: {
      404: ['participant_not_found'],
      409: ['ledger_closed', 'personal_data_erased'],
      422: ['not_overridable', 'invalid_period'],
    },
  })
  grantOverride(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: GrantOverrideDto,
  ): Promise<WriteResult> {
    return this.commands.execute(new GrantOverrideRequest(user, context, body));
  }
}
