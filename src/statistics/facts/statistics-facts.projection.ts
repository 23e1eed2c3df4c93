import { applyStatisticsEvent, STATISTICS_EVENT_TYPES, statisticsDocumentId, StatisticsDocument, StatisticsEvent } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';

/**
 * The statistics read model: the anonymised facts of every pathway, participant, offer and guard
 * decision, one document each, and of each pathway's case steps per day, folded by the same pure
 * function a report's replay uses. Version 2 keeps the case steps out of the pathway's document.
 */
export const statisticsFactsProjection = defineProjection<StatisticsEvent, StatisticsDocument>({
  name: 'statistics_facts',
  version: 2,
  handles: STATISTICS_EVENT_TYPES,
  documentId: (event) => statisticsDocumentId(event),
  apply: (doc, event) => applyStatisticsEvent(doc, event),
});
