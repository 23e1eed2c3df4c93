import { ReportStored } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';
import { ReportSummary, summaryOf } from './report.response';

/** The list of stored reports (GET /reports); the figures themselves stay in each report's stream. */
export const reportsProjection = defineProjection<ReportStored, ReportSummary & { scope: string }>({
  name: 'reports',
  version: 1,
  handles: ['ReportStored'],
  // `scope`: a municipality, or `*` for a report over all of them (read-model filters compare strings).
  indexes: [['scope', 'storedAt']],
  documentId: (event) => event.data.reportId,
  apply: (_doc, event) => ({ ...summaryOf(event.data), scope: event.data.municipality ?? '*' }),
});
