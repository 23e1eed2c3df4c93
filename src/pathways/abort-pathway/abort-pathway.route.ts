import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { AbortPathwayDto } from './abort-pathway.dto';
import { AbortPathwayRequest } from './abort-pathway.handler';
import type { HttpResponse } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class AbortPathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/abort')
  @HttpCode(200)
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Abort a pathway',
    description:
      'Ends the pathway without its goal, with the reason in the coach’s words (stored encrypted); it counts towards R3 (career risk) from then on.',
    answers: { status: 200, type: WriteResult, description: 'Aborted', etag: true },
    problems: {
      404: ['not_found'],
      409: ['pathway_not_active', 'personal_data_erased'],
      422: ['outcome_not_an_abort', 'end_before_start', 'end_in_future'],
    },
    ifMatch: true,
  })
  async abort(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: AbortPathwayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new AbortPathwayRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
