import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { disclosureRule } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { ReportAccess } from '../reports/report-access';
import { ReportAnswer, summaryOf } from '../reports/report.response';
import { statisticsAnswer } from '../statistics-output';

export class GetReport {
  constructor(
    readonly user: AuthenticatedUser,
    readonly reportId: string,
  ) {}
}

/** A stored report's figures exactly as they were stored, with what identifies them. */
@QueryHandler(GetReport)
export class GetReportHandler implements IQueryHandler<GetReport, ReportAnswer> {
  constructor(private readonly reports: ReportAccess) {}

  async execute({ user, reportId }: GetReport): Promise<ReportAnswer> {
    const report = await this.reports.load(user, reportId);
    return {
      ...statisticsAnswer(report.result, report.parameters, report.position, disclosureRule(report.minCell)),
      reportId: report.reportId,
      report: summaryOf(report),
    };
  }
}
