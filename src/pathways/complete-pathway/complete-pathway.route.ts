import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { CompletePathwayDto } from './complete-pathway.dto';
import { CompletePathwayRequest } from './complete-pathway.handler';
import type { HttpResponse } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class CompletePathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Complete a pathway',
    description: 'Ends the pathway with an outcome that reaches its goal.',
    answers: { status: 200, type: WriteResult, description: 'Completed', etag: true },
    problems: { 404: ['not_found'], 409: ['pathway_not_active'], 422: ['outcome_not_a_completion', 'end_before_start', 'end_in_future'] },
    ifMatch: true,
  })
  async complete(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: CompletePathwayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new CompletePathwayRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
