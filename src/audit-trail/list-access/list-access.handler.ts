import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { assertSameMunicipality, AuthenticatedUser } from '../../auth';
import { ACCESS_LOG_STORE } from '../audit-trail.tokens';
import { AccessLogStore } from '../access-log/access-log-store';
import { AccessRecorder } from '../access-log/access-recorder';
import { StreamOwnership } from '../stream-ownership';
import { ListAccessQuery } from './list-access.dto';
import { AccessPage } from './access-record.view';

export class ListAccess {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: ListAccessQuery,
  ) {}
}

/** The access log, filtered; an auditor sees the reads of her municipality's data and those of its own people. */
@QueryHandler(ListAccess)
export class ListAccessHandler implements IQueryHandler<ListAccess, AccessPage> {
  constructor(
    @Inject(ACCESS_LOG_STORE) private readonly store: AccessLogStore,
    private readonly recorder: AccessRecorder,
    private readonly ownership: StreamOwnership,
  ) {}

  async execute({ user, query }: ListAccess): Promise<AccessPage> {
    if (query.participantId !== undefined) {
      const municipality = await this.ownership.municipalityOf(query.participantId);
      if (municipality === undefined) throw new DomainError('participant_not_found', `no participant ${query.participantId}`);
      assertSameMunicipality(user, municipality);
    }
    // What was read until now is on record before it is listed.
    await this.recorder.flush();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.store.query({
      participantId: query.participantId,
      actor: query.actor,
      from: query.from,
      to: query.to,
      municipality: user.roles.includes('admin') ? undefined : user.municipality,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items, page, pageSize, total };
  }
}
