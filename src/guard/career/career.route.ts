import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth';
import { Ctx, RequestContext } from '../event-sourcing';
import { WriteResult } from '../participants/dto/participant.response';
import { MinPositionQuery } from '../read-models';
import { CareerView } from './career.view';
import { GrantOverride } from './commands/grant-override';
import { RecordCaseConference } from './commands/record-case-conference';
import { GrantOverrideDto } from './dto/grant-override.dto';
import { RecordCaseConferenceDto } from './dto/record-case-conference.dto';
import { GetCareer } from './queries/get-career';

@ApiTags('measure-career guard')
@ApiBearerAuth()
@Controller()
export class GuardController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post('overrides')
  @Roles('coordinator', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: 'lifts subsidiarity, career_risk or not_eligible until validUntil; duplicate_pathway answers 422 not_overridable' })
  grantOverride(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Body() body: GrantOverrideDto): Promise<WriteResult> {
    return this.commands.execute(new GrantOverride(user, context, body));
  }

  @Post('participants/:id/case-conferences')
  @Roles('coach', 'coordinator', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: 'a case conference lifts R3 (career risk) for the pathways after it' })
  recordCaseConference(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordCaseConferenceDto): Promise<WriteResult> {
    return this.commands.execute(new RecordCaseConference(user, context, id, body));
  }

  @Get('participants/:id/career')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: CareerView })
  career(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: MinPositionQuery): Promise<CareerView> {
    return this.queries.execute(new GetCareer(user, id, query.minPosition));
  }
}
