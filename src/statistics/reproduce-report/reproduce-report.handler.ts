import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@lotse/event-store';
import { AuthenticatedUser } from '../../auth';
import { EVENT_STORE } from '../../event-store';
import { ReportAccess } from '../reports/report-access';
import { replayReport } from '../reports/report-replay';
import { ReproductionResult } from '../reports/report.response';

export class ReproduceReport {
  constructor(
    readonly user: AuthenticatedUser,
    readonly reportId: string,
  ) {}
}

/** Recomputes a report from the log by replay and compares the hash with the stored one. */
@QueryHandler(ReproduceReport)
export class ReproduceReportHandler implements IQueryHandler<ReproduceReport, ReproductionResult> {
  constructor(
    private readonly reports: ReportAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ user, reportId }: ReproduceReport): Promise<ReproductionResult> {
    const report = await this.reports.load(user, reportId);
    const replayed = await replayReport(this.store, report);
    return {
      reproduced: replayed.sha256 === report.sha256,
      sha256: replayed.sha256,
      storedSha256: report.sha256,
      position: report.position,
      eventsReplayed: replayed.events,
    };
  }
}
