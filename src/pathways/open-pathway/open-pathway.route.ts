import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, WriteResult } from '../../http';
import { OpenPathwayDto } from './open-pathway.dto';
import { OpenPathwayRequest } from './open-pathway.handler';
import type { HttpResponse } from '../../http';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class OpenPathwayRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coach', 'admin')
  @ApiOperationFor({
    summary: 'Open a pathway',
    description:
      'Opens a measure for a participant, after the measure-career guard: R1 no duplicate pathway, R4 eligibility, R2 subsidiarity, R3 career risk. ' +
      'A refusal names the rule and the conflicting period. With `offerId`, it takes a place in that offer.',
    answers: { status: 201, type: WriteResult, description: 'Opened; `id` is the new pathway’s id', etag: true, location: true },
    problems: {
      403: ['forbidden'],
      404: ['participant_not_found', 'offer_not_found'],
      409: [
        'duplicate_pathway',
        'not_eligible',
        'subsidiarity',
        'career_risk',
        'pathway_exists',
        'participant_not_active',
        'personal_data_erased',
        'ledger_closed',
        'offer_closed',
        'offer_mismatch',
        'offer_not_open_to_status',
        'offer_full',
      ],
      422: ['invalid_period'],
    },
  })
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @Body() body: OpenPathwayDto,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new OpenPathwayRequest(user, context, body));
    res.header('Location', `/pathways/${result.id}`);
    setVersionHeaders(res, result.version);
    return result;
  }
}
