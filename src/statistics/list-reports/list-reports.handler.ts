import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { ReadModels } from '../../read-models';
import { ReportPage, ReportSummary } from '../reports/report.response';
import { reportsProjection } from '../reports/reports.projection';
import { ListReportsQuery } from './list-reports.query';

export class ListReports {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: ListReportsQuery,
  ) {}
}

/** The stored reports, newest first: all for the core group and admins, a coordinator's municipality's for her. */
@QueryHandler(ListReports)
export class ListReportsHandler implements IQueryHandler<ListReports, ReportPage> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ user, query }: ListReports): Promise<ReportPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const everywhere = user.roles.includes('admin') || user.roles.includes('analyst');
    const found = await this.readModels.find<ReportSummary & { scope: string }>(
      reportsProjection.name,
      {
        ...(everywhere ? {} : { where: { scope: user.municipality } }),
        orderBy: [{ field: 'storedAt', direction: 'desc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      },
      query.minPosition,
    );
    return {
      items: found.items.map(({ scope: _scope, ...summary }) => summary),
      page,
      pageSize,
      total: found.total,
      position: found.position,
    };
  }
}
