import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiProblemResponse, setVersionHeaders } from '../../http';
import { StoreReportResult } from '../reports/report.response';
import { StoreReportDto } from './store-report.dto';
import { StoreReportRequest } from './store-report.handler';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class StoreReportRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'analyst', 'admin')
  @ApiCreatedResponse({
    type: StoreReportResult,
    description: 'the report is stored as of the statistics’ current log position, with the sha256 of its canonical CSV',
    headers: {
      Location: { description: '/reports/<id>', schema: { type: 'string' } },
      ETag: { description: 'the report stream’s version', schema: { type: 'string' } },
    },
  })
  @ApiProblemResponse(400, 'validation_failed: an unknown type or an invalid parameter (errors[] names it)')
  @ApiProblemResponse(401, 'unauthenticated: no valid token')
  @ApiProblemResponse(403, 'forbidden: not a coordinator, analyst or admin, or a coordinator naming another municipality')
  async store(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: StoreReportDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StoreReportResult> {
    const result: StoreReportResult = await this.commands.execute(new StoreReportRequest(user, context, body, new Date()));
    res.location(`/reports/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
