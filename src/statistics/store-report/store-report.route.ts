import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders } from '../../http';
import { StoreReportResult } from '../reports/report.response';
import { StoreReportDto } from './store-report.dto';
import { StoreReportRequest } from './store-report.handler';
import type { HttpResponse } from '../../http';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class StoreReportRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Store a report',
    description: 'Stores a statistics answer as a report as of the statistics’ current log position, with the sha256 of its canonical CSV.',
    answers: { status: 201, type: StoreReportResult, description: 'Stored; `id` is the report’s id', etag: true, location: true },
    problems: { 409: ['report_exists'] },
  })
  async store(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: StoreReportDto,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StoreReportResult> {
    const result: StoreReportResult = await this.commands.execute(new StoreReportRequest(user, context, body, new Date()));
    res.header('Location', `/reports/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
