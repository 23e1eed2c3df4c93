import { CommandMetadata, dayOf, Sealed } from '../shared/command';
import { DomainError } from '../shared/domain-error';
import { CaseStepKind, Jurisdiction, Outcome, PathwayKind } from '../shared/vocabulary';

/** What the coach agreed as the next step when recording one: it makes the caseload show what is due. */
export interface PlannedStep {
  kind: CaseStepKind;
  dueOn: string;
}

export interface CaseStep {
  stepId: string;
  kind: CaseStepKind;
  occurredAt: string;
  durationMinutes?: number;
  note?: Sealed;
  recordedBy: string;
  next?: PlannedStep;
}

export type PathwayEvent =
  | { type: 'PathwayOpened'; data: { pathwayId: string; participantId: string; municipality: string; kind: PathwayKind;
      jurisdiction: Jurisdiction; provider: string; goal: Sealed; plannedStart: string; plannedEnd: string; coachId: string; openedAt: string } }
  | { type: 'CaseStepRecorded'; data: { pathwayId: string; step: CaseStep } }
  | { type: 'PathwayCompleted'; data: { pathwayId: string; outcome: Outcome; endedOn: string } }
  | { type: 'PathwayAborted'; data: { pathwayId: string; outcome: Outcome; endedOn: string; reason: Sealed } }
  | { type: 'PathwayTransferred'; data: { pathwayId: string; fromCoachId: string; toCoachId: string; transferredAt: string } };

export type PathwayStatus = 'active' | 'completed' | 'aborted';

export type Pathway =
  | { status: 'none' }
  | { status: PathwayStatus; id: string; participantId: string; municipality: string; kind: PathwayKind;
      jurisdiction: Jurisdiction; plannedStart: string; plannedEnd: string; coachId: string; steps: number;
      outcome?: Outcome; endedOn?: string };

export const initialPathway: Pathway = { status: 'none' };

export const evolve = (state: Pathway, event: PathwayEvent): Pathway => {
  switch (event.type) {
    case 'PathwayOpened': {
      const d = event.data;
      return { status: 'active', id: d.pathwayId, participantId: d.participantId, municipality: d.municipality, kind: d.kind,
        jurisdiction: d.jurisdiction, plannedStart: d.plannedStart, plannedEnd: d.plannedEnd, coachId: d.coachId, steps: 0 };
    }
    case 'CaseStepRecorded':
      return state.status === 'none' ? state : { ...state, steps: state.steps + 1 };
    case 'PathwayCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayAborted':
      return state.status === 'none' ? state : { ...state, status: 'aborted', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayTransferred':
      return state.status === 'none' ? state : { ...state, coachId: event.data.toCoachId };
  }
};

/** What the pathway needs to know of its participant; the handler reads it from the participant's stream. */
export interface ParticipantSnapshot {
  status: 'none' | 'registered' | 'erased' | 'merged';
  municipality?: string;
}

export type PathwayCommand =
  | { type: 'OpenPathway'; data: { pathwayId: string; participant: ParticipantSnapshot & { id: string }; kind: PathwayKind;
      jurisdiction: Jurisdiction; provider: string; goal: Sealed; plannedStart: string; plannedEnd: string; coachId: string };
      metadata: CommandMetadata }
  | { type: 'RecordCaseStep'; data: { step: Omit<CaseStep, 'recordedBy'> }; metadata: CommandMetadata }
  | { type: 'CompletePathway'; data: { outcome: Outcome; endedOn: string }; metadata: CommandMetadata }
  | { type: 'AbortPathway'; data: { outcome: Outcome; endedOn: string; reason: Sealed }; metadata: CommandMetadata }
  | { type: 'TransferPathway'; data: { toCoachId: string }; metadata: CommandMetadata };

/** Reaching the goal means one of these; anything else is an abort. */
export const GOAL_REACHED_OUTCOMES: readonly Outcome[] = ['training_place', 'employment', 'school', 'other_measure'];

const active = (state: Pathway): Exclude<Pathway, { status: 'none' }> => {
  if (state.status === 'none') throw new DomainError('not_found', 'pathway does not exist');
  if (state.status !== 'active') throw new DomainError('pathway_not_active', `pathway is ${state.status}`);
  return state;
};

const assertEnd = (state: Exclude<Pathway, { status: 'none' }>, endedOn: string, now: string) => {
  if (endedOn < state.plannedStart) throw new DomainError('end_before_start', `ended on ${endedOn}, before the start ${state.plannedStart}`);
  if (endedOn > dayOf(now)) throw new DomainError('end_in_future', `ended on ${endedOn}, which is after today`);
};

export const decide = (command: PathwayCommand, state: Pathway): PathwayEvent[] => {
  switch (command.type) {
    case 'OpenPathway': {
      const d = command.data;
      if (state.status !== 'none') throw new DomainError('pathway_exists', 'pathway already opened');
      if (d.participant.status === 'none') throw new DomainError('participant_not_found', 'no such participant');
      if (d.participant.status !== 'registered') throw new DomainError('participant_not_active', `participant is ${d.participant.status}`);
      if (d.plannedEnd < d.plannedStart) throw new DomainError('invalid_period', `planned end ${d.plannedEnd} is before planned start ${d.plannedStart}`);
      return [{ type: 'PathwayOpened', data: { pathwayId: d.pathwayId, participantId: d.participant.id,
        municipality: d.participant.municipality ?? '', kind: d.kind, jurisdiction: d.jurisdiction, provider: d.provider, goal: d.goal,
        plannedStart: d.plannedStart, plannedEnd: d.plannedEnd, coachId: d.coachId, openedAt: command.metadata.now } }];
    }
    case 'RecordCaseStep': {
      const pathway = active(state);
      const { step } = command.data;
      if (step.occurredAt > command.metadata.now) throw new DomainError('step_in_future', `step dated ${step.occurredAt} is in the future`);
      if (dayOf(step.occurredAt) < pathway.plannedStart) {
        throw new DomainError('step_before_start', `step dated ${step.occurredAt} is before the pathway started on ${pathway.plannedStart}`);
      }
      if (step.next && step.next.dueOn < dayOf(step.occurredAt)) {
        throw new DomainError('next_step_before_step', `next step due on ${step.next.dueOn} is before this step on ${dayOf(step.occurredAt)}`);
      }
      return [{ type: 'CaseStepRecorded', data: { pathwayId: pathway.id, step: { ...step, recordedBy: command.metadata.actor } } }];
    }
    case 'CompletePathway': {
      const pathway = active(state);
      if (!GOAL_REACHED_OUTCOMES.includes(command.data.outcome)) {
        throw new DomainError('outcome_not_a_completion', `outcome ${command.data.outcome} does not reach the goal; abort the pathway instead`);
      }
      assertEnd(pathway, command.data.endedOn, command.metadata.now);
      return [{ type: 'PathwayCompleted', data: { pathwayId: pathway.id, ...command.data } }];
    }
    case 'AbortPathway': {
      const pathway = active(state);
      assertEnd(pathway, command.data.endedOn, command.metadata.now);
      return [{ type: 'PathwayAborted', data: { pathwayId: pathway.id, ...command.data } }];
    }
    case 'TransferPathway': {
      const pathway = active(state);
      if (pathway.coachId === command.data.toCoachId) throw new DomainError('already_assigned', 'the pathway is already with this coach');
      return [{ type: 'PathwayTransferred', data: { pathwayId: pathway.id, fromCoachId: pathway.coachId,
        toCoachId: command.data.toCoachId, transferredAt: command.metadata.now } }];
    }
  }
};

/** The decider as one value, for code that handles any aggregate the same way. */
export const pathwayDecider = { decide, evolve, initialState: initialPathway };
