import { Command } from '../kernel/command';
import { Decider } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event, isEventOf } from '../kernel/event';
import { StatisticsParameters, StatisticsResult, StatisticsType } from './queries';

/**
 * A stored report: a statistics query frozen at a log position, so that a funding application or a
 * council paper can name a figure that anyone can reproduce later from the log. It lives in the
 * stream `report-<reportId>`; a report is never changed, only stored once.
 */
export const reportStreamId = (reportId: string): string => `report-${reportId}`;

/**
 * Raised when what a report counts changes meaning (a new measure definition, another age band):
 * a reproduction then tells the old definition apart instead of silently computing the new one.
 */
export const STATISTICS_DEFINITION_VERSION = 1;

export interface StoredReport {
  reportId: string;
  type: StatisticsType;
  /** The query's parameters with every default resolved (no "today" left). */
  parameters: StatisticsParameters;
  /** The municipality the report is limited to; absent for all municipalities. */
  municipality?: string;
  /** The log position the figures were computed at. */
  position: number;
  definitionVersion: number;
  minCell: number;
  /** sha256 (hex) of the canonical CSV. */
  sha256: string;
  result: StatisticsResult;
  storedAt: string;
}

export type ReportStored = Event<'ReportStored', StoredReport & Record<string, unknown>>;
export type ReportEvent = ReportStored;
export const isReportEvent = isEventOf<ReportEvent>({ ReportStored: true });

export type StoreReport = Command<'StoreReport', Omit<StoredReport, 'storedAt'> & Record<string, unknown>>;

export type Report = { status: 'none' } | ({ status: 'stored' } & StoredReport);

export const reportDecider: Decider<StoreReport, ReportEvent, Report> = {
  initialState: { status: 'none' },
  isEvent: isReportEvent,
  evolve: (_state, event) => ({ status: 'stored', ...event.data }),
  decide: ({ data, metadata }, state) => {
    if (state.status !== 'none') throw new DomainError('report_exists', `report ${data.reportId} is stored already`);
    return [{ type: 'ReportStored', data: { ...data, storedAt: metadata.now } }];
  },
};
