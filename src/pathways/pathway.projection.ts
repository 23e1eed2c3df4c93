import { CaseStep, CaseStepKind, Jurisdiction, Outcome, PathwayEvent, PathwayKind, PlannedStep } from '@lotse/domain';
import type { StoredEvent } from '@lotse/event-store';
import type { Projection } from '@lotse/projections';

export interface PathwayTimelineStep {
  stepId: string;
  kind: CaseStepKind;
  occurredAt: string;
  durationMinutes?: number;
  /** Sealed; opened only for the roles that may read it. */
  note: string | null;
  recordedBy: string;
  next?: PlannedStep;
  version: number;
}

/** One pathway as coaches list and open it: the caseload row and, beside it, the case-step timeline. */
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
  /** Sealed. */
  goal: string | null;
  outcome?: Outcome;
  endedOn?: string;
  caseSteps: PathwayTimelineStep[];
  caseStepCount: number;
  lastStep: { kind: CaseStepKind; occurredAt: string } | null;
  /** The latest step that reached the person (not a failed contact, not a mere note). */
  lastContactAt: string | null;
  /** What the latest step planned next; none once the pathway ended. */
  nextStep: PlannedStep | null;
  /** The same day as `nextStep.dueOn`, on top so that the caseload can sort by it. */
  nextDueOn: string | null;
  version: number;
}

const NOT_A_CONTACT: readonly CaseStepKind[] = ['contact_failed', 'note'];

/** Steps in the order they happened; a step recorded late goes where its date puts it. */
const byOccurrence = (a: PathwayTimelineStep, b: PathwayTimelineStep) =>
  (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.version - b.version);

/** A new timeline with the step in place; almost always at the end, so look from there. */
const withStep = (steps: readonly PathwayTimelineStep[], step: PathwayTimelineStep): PathwayTimelineStep[] => {
  let at = steps.length;
  while (at > 0 && byOccurrence(steps[at - 1], step) > 0) at -= 1;
  return [...steps.slice(0, at), step, ...steps.slice(at)];
};

const lastContact = (steps: readonly PathwayTimelineStep[]): string | null => {
  for (let i = steps.length - 1; i >= 0; i -= 1) if (!NOT_A_CONTACT.includes(steps[i].kind)) return steps[i].occurredAt;
  return null;
};

const withSummary = (doc: PathwayDocument): PathwayDocument => {
  const latest = doc.caseSteps[doc.caseSteps.length - 1];
  const next = doc.status === 'active' ? latest?.next ?? null : null;
  return { ...doc, caseStepCount: doc.caseSteps.length, lastStep: latest ? { kind: latest.kind, occurredAt: latest.occurredAt } : null,
    lastContactAt: lastContact(doc.caseSteps), nextStep: next, nextDueOn: next?.dueOn ?? null };
};

const timelineStep = (step: CaseStep, version: number): PathwayTimelineStep => ({
  stepId: step.stepId, kind: step.kind, occurredAt: step.occurredAt,
  ...(step.durationMinutes === undefined ? {} : { durationMinutes: step.durationMinutes }),
  note: step.note ?? null, recordedBy: step.recordedBy, ...(step.next ? { next: step.next } : {}), version,
});

/** The pathway read model: GET /pathways (the caseload) and GET /pathways/:id (with the timeline). */
export const pathwaysProjection: Projection<PathwayDocument> = {
  name: 'pathways',
  handles: ['PathwayOpened', 'CaseStepRecorded', 'PathwayCompleted', 'PathwayAborted', 'PathwayTransferred'],
  documentId: (event) => String(event.data.pathwayId),
  indexes: [['municipality', 'coachId', 'status'], ['municipality', 'status', 'kind'], ['participantId']],
  apply: (doc, stored: StoredEvent) => {
    const event = { type: stored.type, data: stored.data } as PathwayEvent;
    const version = stored.streamVersion;
    if (event.type === 'PathwayOpened') {
      const d = event.data;
      return withSummary({ id: d.pathwayId, participantId: d.participantId, municipality: d.municipality, coachId: d.coachId,
        kind: d.kind, jurisdiction: d.jurisdiction, provider: d.provider, status: 'active', plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd, openedAt: d.openedAt, goal: d.goal ?? null, caseSteps: [], caseStepCount: 0, lastStep: null, lastContactAt: null,
        nextStep: null, nextDueOn: null, version });
    }
    if (!doc) return doc;
    switch (event.type) {
      case 'CaseStepRecorded':
        return withSummary({ ...doc, version, caseSteps: withStep(doc.caseSteps, timelineStep(event.data.step, version)) });
      case 'PathwayCompleted':
        return withSummary({ ...doc, version, status: 'completed', outcome: event.data.outcome, endedOn: event.data.endedOn });
      case 'PathwayAborted':
        return withSummary({ ...doc, version, status: 'aborted', outcome: event.data.outcome, endedOn: event.data.endedOn });
      case 'PathwayTransferred':
        return { ...doc, version, coachId: event.data.toCoachId };
    }
  },
};
