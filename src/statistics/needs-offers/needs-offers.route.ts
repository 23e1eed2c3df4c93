import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { statisticsAnswers } from '../statistics-answers';
import { respond } from '../statistics-output';
import { StatisticsAnswer } from '../statistics.response';
import { NeedsOffersQuery } from './needs-offers.dto';
import { GetNeedsOffers } from './needs-offers.handler';
import { ApiOperationFor } from '../../http';
import type { HttpRequest, HttpResponse } from '../../http';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class NeedsOffersRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get('needs-offers')
  @Roles('coordinator', 'analyst', 'admin')
  @ApiOperationFor({
    summary: 'Compare needs and offers',
    description:
      'On one day, people with an open need against the places open to their residence status, and the gap. ' +
      'JSON, or CSV with `?format=csv` or `Accept: text/csv`. Cells below the disclosure rule’s minimum are suppressed.',
    answers: statisticsAnswers(),
  })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: NeedsOffersQuery,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StatisticsAnswer | string> {
    const answer: StatisticsAnswer = await this.queries.execute(new GetNeedsOffers(user, query, new Date()));
    return respond(req, res, query, answer);
  }
}
