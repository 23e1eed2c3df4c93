import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@lotse/domain';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
import { PURPOSE_HEADER, requiredPurpose } from '../access-log/purpose';
import { EventHistoryQuery, MIN_UNSEAL_REASON } from './event-history.dto';
import { GetEventHistory } from './event-history.handler';
import { EventHistory } from './event-history.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/streams')
export class EventHistoryRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':streamId/events')
  @Roles('auditor', 'admin')
  @ApiParam({ name: 'streamId', example: 'pathway-2b0d7b3e-5c4f-4d6a-9a51-0b8e4c1f2a77' })
  @ApiHeader({ name: PURPOSE_HEADER, required: false, description: 'why the data is read; required with unseal=true' })
  @ApiOperationFor({
    summary: 'Read a stream’s events',
    description:
      'Every event of a stream with its envelope, in the stream’s order, from `fromVersion`, up to `until` (a version or a moment). ' +
      '`unseal=true` opens the sealed fields, with a `reason` and the `Lotse-Purpose` header, and is recorded in the access log.',
    answers: { status: 200, type: EventHistory, description: 'The events' },
    problems: { 404: ['not_found'] },
  })
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('streamId') streamId: string,
    @Query() query: EventHistoryQuery,
    @Headers(PURPOSE_HEADER) purpose: string | undefined,
  ): Promise<EventHistory> {
    const unseal = query.unseal === 'true';
    if (unseal) {
      requiredPurpose(purpose);
      if ((query.reason ?? '').trim().length < MIN_UNSEAL_REASON) {
        const message = `give a reason of at least ${MIN_UNSEAL_REASON} characters to unseal`;
        throw new DomainError('validation_failed', message, { errors: [{ field: 'reason', message }] });
      }
    }
    const until = query.until === undefined ? undefined : /^\d+$/.test(query.until) ? Number(query.until) : query.until;
    return this.queries.execute(new GetEventHistory(user, streamId, query.fromVersion ?? 0, until, unseal));
  }
}
