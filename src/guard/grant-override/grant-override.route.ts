import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { GrantOverrideDto } from './grant-override.dto';
import { GrantOverrideRequest } from './grant-override.handler';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller('overrides')
export class GrantOverrideRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'admin')
  @ApiCreatedResponse({
    type: WriteResult,
    description: 'lifts subsidiarity, career_risk or not_eligible until validUntil; duplicate_pathway answers 422 not_overridable',
  })
  grantOverride(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: GrantOverrideDto,
  ): Promise<WriteResult> {
    return this.commands.execute(new GrantOverrideRequest(user, context, body));
  }
}
