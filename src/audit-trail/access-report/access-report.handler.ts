import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { assertSameMunicipality, AuthenticatedUser } from '../../auth';
import { AccessRecord } from '../access-log/access-entry';
import { AccessLogStore } from '../access-log/access-log-store';
import { AccessRecorder } from '../access-log/access-recorder';
import { ACCESS_LOG_STORE } from '../audit-trail.tokens';
import { StreamOwnership } from '../stream-ownership';
import { AccessReport, AccessReportReader } from './access-report.response';

export class GetAccessReport {
  constructor(
    readonly user: AuthenticatedUser,
    readonly participantId: string,
  ) {}
}

/** A person's whole record fits in memory: a few thousand reads in a year, and the query is bounded anyway. */
const MAX_RECORDS = 100_000;

/** Which bodies (municipality and role) read a person's data, how often, when and why: for a request under Art. 15 GDPR. */
@QueryHandler(GetAccessReport)
export class GetAccessReportHandler implements IQueryHandler<GetAccessReport, AccessReport> {
  constructor(
    @Inject(ACCESS_LOG_STORE) private readonly store: AccessLogStore,
    private readonly recorder: AccessRecorder,
    private readonly ownership: StreamOwnership,
  ) {}

  async execute({ user, participantId }: GetAccessReport): Promise<AccessReport> {
    const municipality = await this.ownership.municipalityOf(participantId);
    if (municipality === undefined) throw new DomainError('participant_not_found', `no participant ${participantId}`);
    assertSameMunicipality(user, municipality);
    await this.recorder.flush();
    const { items } = await this.store.query({ participantId, limit: MAX_RECORDS, offset: 0 });
    return { participantId, reads: items.length, bodies: byBody(items) };
  }
}

const byBody = (records: readonly AccessRecord[]): AccessReportReader[] => {
  const bodies = new Map<string, AccessReportReader & { subs: Set<string> }>();
  for (const record of [...records].reverse()) {
    const role = record.roles.join(',') || 'none';
    const key = `${record.municipality}\u0000${role}`;
    const body = bodies.get(key) ?? {
      municipality: record.municipality,
      role,
      readers: 0,
      reads: 0,
      firstAt: record.at,
      lastAt: record.at,
      routes: [],
      purposes: [],
      subs: new Set<string>(),
    };
    body.subs.add(record.sub);
    body.reads += 1;
    body.lastAt = record.at;
    if (!body.routes.includes(record.route)) body.routes.push(record.route);
    if (record.purpose !== undefined && !body.purposes.includes(record.purpose)) body.purposes.push(record.purpose);
    bodies.set(key, body);
  }
  return [...bodies.values()].map(({ subs, ...body }) => ({ ...body, readers: subs.size }));
};
