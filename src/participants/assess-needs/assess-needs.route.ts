import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, parseIfMatch, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { AssessNeedsDto } from './assess-needs.dto';
import { AssessNeedsRequest } from './assess-needs.handler';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class AssessNeedsRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/needs-assessments')
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Assess needs',
    description:
      'Records which support the participant needs, as of a day; GET /participants/{id} shows the latest and the needs no active pathway covers.',
    answers: { status: 201, type: WriteResult, description: 'Recorded; `id` is the new assessment’s id', etag: true },
    problems: { 404: ['not_found'], 409: ['participant_not_active', 'personal_data_erased'], 422: ['assessment_in_future'] },
    ifMatch: true,
  })
  async assessNeeds(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: AssessNeedsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new AssessNeedsRequest(user, context, id, body, parseIfMatch(ifMatch)));
    setVersionHeaders(res, result.version);
    return result;
  }
}
