import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth';
import { Ctx, RequestContext } from '../event-sourcing';
import { parseIfMatch, setVersionHeaders } from '../http';
import { WriteResult } from '../participants/dto/participant.response';
import { ChangePathway } from './commands/change-pathway';
import { OpenPathway } from './commands/open-pathway';
import { AbortPathwayDto, CompletePathwayDto, TransferPathwayDto } from './dto/end-pathway.dto';
import { OpenPathwayDto } from './dto/open-pathway.dto';
import { PathwayView } from './dto/pathway.response';
import { RecordCaseStepDto } from './dto/record-case-step.dto';
import { MinPositionQuery } from '../read-models';
import { CaseloadPage } from './dto/caseload.response';
import { ListPathwaysQuery } from './dto/list-pathways.query';
import { GetPathway } from './queries/get-pathway';
import { ListPathways } from './queries/list-pathways';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class PathwaysController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult })
  async open(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Body() body: OpenPathwayDto,
    @Res({ passthrough: true }) res: Response): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new OpenPathway(user, context, body));
    res.location(`/pathways/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }

  @Get()
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: CaseloadPage, description: 'the caseload: pathways of a municipality with the last and next step' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListPathwaysQuery): Promise<CaseloadPage> {
    return this.queries.execute(new ListPathways(user, query, new Date()));
  }

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: PathwayView })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: MinPositionQuery,
    @Res({ passthrough: true }) res: Response): Promise<PathwayView> {
    const view: PathwayView = await this.queries.execute(new GetPathway(user, id, query.minPosition));
    setVersionHeaders(res, view.version);
    return view;
  }

  @Post(':id/case-steps')
  @Roles('coach', 'admin')
  @ApiCreatedResponse({ type: WriteResult, description: '`id` is the new case step’s id' })
  recordCaseStep(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordCaseStepDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangePathway(user, context, id, { type: 'RecordCaseStep', step: body }, parseIfMatch(ifMatch)));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  complete(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CompletePathwayDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangePathway(user, context, id, { type: 'CompletePathway', ...body }, parseIfMatch(ifMatch)));
  }

  @Post(':id/abort')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  abort(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AbortPathwayDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangePathway(user, context, id, { type: 'AbortPathway', ...body }, parseIfMatch(ifMatch)));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOkResponse({ type: WriteResult })
  transfer(@CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransferPathwayDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.change(res, new ChangePathway(user, context, id, { type: 'TransferPathway', toCoachId: body.toCoachId }, parseIfMatch(ifMatch)));
  }

  private async change(res: Response, command: ChangePathway): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(command);
    setVersionHeaders(res, result.version);
    return result;
  }
}
