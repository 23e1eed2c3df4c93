import { Inject, Injectable } from '@nestjs/common';
import { DomainError, Report, reportDecider, reportStreamId, StoredReport } from '@lotse/domain';
import { EventStore } from '@lotse/event-store';
import { AuthenticatedUser } from '../../auth';
import { EVENT_STORE } from '../../event-store';

/** Loads a stored report from its stream and checks the caller may read it. */
@Injectable()
export class ReportAccess {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(user: AuthenticatedUser, reportId: string): Promise<StoredReport> {
    const events = await this.store.readStream(reportStreamId(reportId));
    let state: Report = reportDecider.initialState;
    for (const event of events) if (reportDecider.isEvent(event)) state = reportDecider.evolve(state, event);
    if (state.status === 'none') throw new DomainError('not_found', `no report ${reportId}`);
    const { status: _status, ...report } = state;
    // The core group and admins read every report; a coordinator those of her own municipality.
    const everywhere = user.roles.includes('admin') || user.roles.includes('analyst');
    if (!everywhere && report.municipality !== user.municipality)
      throw new DomainError('forbidden', `reports only of municipality ${user.municipality}`);
    return report;
  }
}
