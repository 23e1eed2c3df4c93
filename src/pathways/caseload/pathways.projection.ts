import { CaseStepKind, Jurisdiction, Outcome, PathwayEvent, PathwayKind, PlannedStep, unreachable } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';

/**
 * One pathway as the caseload lists it. The timeline is not in here but in `case_steps`, one
 * document per step: a pathway's row stays small however long it runs, so a batch of new steps
 * writes a few hundred bytes per pathway rather than its whole history again.
 */
export interface PathwayDocument {
  id: string;
  participantId: string;
  municipality: string;
  coachId: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  provider: string;
  status: 'active' | 'completed' | 'aborted';
  plannedStart: string;
  plannedEnd: string;
  openedAt: string;
  /** The offer the pathway holds a place in. */
  offerId: string | null;
  /** Sealed. */
  goal: string | null;
  outcome?: Outcome;
  endedOn?: string;
  caseStepCount: number;
  /** The step that happened last (a step recorded late does not displace a later one). */
  lastStep: { kind: CaseStepKind; occurredAt: string } | null;
  /** The latest step that reached the person (not a failed contact, not a mere note). */
  lastContactAt: string | null;
  /** What the last step planned next; none once the pathway ended. */
  nextStep: PlannedStep | null;
  /** The same day as `nextStep.dueOn`, on top so that the caseload can sort by it. */
  nextDueOn: string | null;
  version: number;
}

const NOT_A_CONTACT: readonly CaseStepKind[] = ['contact_failed', 'note'];

/** The pathway read model behind GET /pathways (the caseload) and GET /pathways/:id. */
export const pathwaysProjection = defineProjection<PathwayEvent, PathwayDocument>({
  name: 'pathways',
  handles: ['PathwayOpened', 'CaseStepRecorded', 'PathwayCompleted', 'PathwayAborted', 'PathwayTransferred'],
  documentId: (event) => event.data.pathwayId,
  indexes: [['municipality', 'coachId', 'status'], ['municipality', 'status', 'kind'], ['participantId']],
  apply: (doc, event) => {
    const version = event.streamVersion;
    if (event.type === 'PathwayOpened') {
      const d = event.data;
      return {
        id: d.pathwayId,
        participantId: d.participantId,
        municipality: d.municipality,
        coachId: d.coachId,
        kind: d.kind,
        jurisdiction: d.jurisdiction,
        provider: d.provider,
        status: 'active',
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        openedAt: d.openedAt,
        offerId: d.offerId ?? null,
        goal: d.goal ?? null,
        caseStepCount: 0,
        lastStep: null,
        lastContactAt: null,
        nextStep: null,
        nextDueOn: null,
        version,
      };
    }
    if (!doc) return doc;
    switch (event.type) {
      case 'CaseStepRecorded': {
        const { step } = event.data;
        // Equal times: the one recorded later counts as later, as in the timeline.
        const latest = !doc.lastStep || step.occurredAt >= doc.lastStep.occurredAt;
        const contact = !NOT_A_CONTACT.includes(step.kind) && (!doc.lastContactAt || step.occurredAt >= doc.lastContactAt);
        const next = latest ? (doc.status === 'active' ? (step.next ?? null) : null) : doc.nextStep;
        return {
          ...doc,
          version,
          caseStepCount: doc.caseStepCount + 1,
          lastStep: latest ? { kind: step.kind, occurredAt: step.occurredAt } : doc.lastStep,
          lastContactAt: contact ? step.occurredAt : doc.lastContactAt,
          nextStep: next,
          nextDueOn: next?.dueOn ?? null,
        };
      }
      case 'PathwayCompleted':
        return {
          ...doc,
          version,
          status: 'completed',
          outcome: event.data.outcome,
          endedOn: event.data.endedOn,
          nextStep: null,
          nextDueOn: null,
        };
      case 'PathwayAborted':
        return {
          ...doc,
          version,
          status: 'aborted',
          outcome: event.data.outcome,
          endedOn: event.data.endedOn,
          nextStep: null,
          nextDueOn: null,
        };
      case 'PathwayTransferred':
        return { ...doc, version, coachId: event.data.toCoachId };
      default:
        return unreachable(event);
    }
  },
});
