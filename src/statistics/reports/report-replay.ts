import {
  computeStatistics,
  disclosureRule,
  factsOf,
  foldStatisticsEvent,
  isStatisticsEvent,
  StatisticsDocument,
  StoredReport,
  toCsv,
} from '@lotse/domain';
import { EventStore } from '@lotse/event-store';
import { sha256Of } from './report-hash';

/** Events per round trip of the replay: large enough that the database is not the bottleneck. */
const REPLAY_BATCH = 5_000;

/**
 * A report computed again from the log, not from any read model: every event up to the report's
 * position folded by the statistics' own pure functions, tabulated and protected under the k the
 * report was published with, written as canonical CSV and hashed.
 */
export const replayReport = async (store: EventStore, report: StoredReport): Promise<{ sha256: string; csv: string; events: number }> => {
  const documents = new Map<string, StatisticsDocument>();
  let events = 0;
  for await (const event of store.readAll({ batchSize: REPLAY_BATCH })) {
    if (event.globalPosition > report.position) break;
    events++;
    if (isStatisticsEvent(event)) foldStatisticsEvent(documents, event);
  }
  const rule = disclosureRule(report.minCell);
  const result = computeStatistics(report.type, factsOf(documents), report.parameters, rule);
  const csv = toCsv(result, { position: report.position, rule, parameters: report.parameters });
  return { sha256: sha256Of(csv), csv, events };
};
