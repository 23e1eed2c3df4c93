import { CaseStepKind, CaseStepRecorded, PlannedStep } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';

/** One case step of a pathway's timeline. */
export interface CaseStepDocument {
  stepId: string;
  pathwayId: string;
  kind: CaseStepKind;
  occurredAt: string;
  durationMinutes?: number;
  /** Sealed; opened only for the roles that may read it. */
  note: string | null;
  recordedBy: string;
  next?: PlannedStep;
  /** The pathway's stream version of the step: the order of recording. */
  version: number;
}

/** Steps in the order they happened; equal times in the order they were recorded. */
export const byOccurrence = (a: CaseStepDocument, b: CaseStepDocument): number =>
  a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.version - b.version;

/** The timelines: a step is written once and never changes, so a long pathway costs nothing per new step. */
export const caseStepsProjection = defineProjection<CaseStepRecorded, CaseStepDocument>({
  name: 'case_steps',
  handles: ['CaseStepRecorded'],
  documentId: (event) => event.data.step.stepId,
  indexes: [['pathwayId']],
  apply: (_current, { data, streamVersion }) => {
    const { step } = data;
    return {
      stepId: step.stepId,
      pathwayId: data.pathwayId,
      kind: step.kind,
      occurredAt: step.occurredAt,
      ...(step.durationMinutes === undefined ? {} : { durationMinutes: step.durationMinutes }),
      note: step.note ?? null,
      recordedBy: step.recordedBy,
      ...(step.next ? { next: step.next } : {}),
      version: streamVersion,
    };
  },
});
