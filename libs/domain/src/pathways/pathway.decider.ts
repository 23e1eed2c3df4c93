import { ageOn } from '../kernel/age';
import { Command, dayOf, Sealed } from '../kernel/command';
import { Decider, unreachable } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event, isEventOf } from '../kernel/event';
import { CaseStepKind, Jurisdiction, Outcome, PathwayKind } from '../kernel/vocabulary';

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

/** A pathway lives in the stream `pathway-<pathwayId>`. */
export const pathwayStreamId = (pathwayId: string): string => `pathway-${pathwayId}`;

// Events: stored for good, so their type names and data never change shape.
export type PathwayOpened = Event<
  'PathwayOpened',
  {
    pathwayId: string;
    participantId: string;
    municipality: string;
    kind: PathwayKind;
    jurisdiction: Jurisdiction;
    provider: string;
    goal: Sealed;
    plannedStart: string;
    plannedEnd: string;
    coachId: string;
    openedAt: string;
    /**
     * Whole years on the planned start. The birth date is sealed and becomes unreadable when the person's data is erased;
     * the age band must stay countable for the statistics, and an age alone does not identify anyone. Absent in pathways opened before it was recorded.
     */
    ageAtStart?: number;
    /** The offer the pathway holds a place in, if any. */
    offerId?: string;
  }
>;
export type CaseStepRecorded = Event<'CaseStepRecorded', { pathwayId: string; step: CaseStep }>;
export type PathwayCompleted = Event<'PathwayCompleted', { pathwayId: string; outcome: Outcome; endedOn: string }>;
export type PathwayAborted = Event<'PathwayAborted', { pathwayId: string; outcome: Outcome; endedOn: string; reason: Sealed }>;
export type PathwayTransferred = Event<
  'PathwayTransferred',
  { pathwayId: string; fromCoachId: string; toCoachId: string; transferredAt: string }
>;
export type PathwayEvent = PathwayOpened | CaseStepRecorded | PathwayCompleted | PathwayAborted | PathwayTransferred;

export const isPathwayEvent = isEventOf<PathwayEvent>({
  PathwayOpened: true,
  CaseStepRecorded: true,
  PathwayCompleted: true,
  PathwayAborted: true,
  PathwayTransferred: true,
});

export type PathwayStatus = 'active' | 'completed' | 'aborted';

export type OpenedPathwayState = {
  status: PathwayStatus;
  id: string;
  participantId: string;
  municipality: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  plannedStart: string;
  plannedEnd: string;
  coachId: string;
  steps: number;
  outcome?: Outcome;
  endedOn?: string;
  offerId?: string;
};

export type Pathway = { status: 'none' } | OpenedPathwayState;

export const initialPathway: Pathway = { status: 'none' };

export const evolve = (state: Pathway, event: PathwayEvent): Pathway => {
  switch (event.type) {
    case 'PathwayOpened': {
      const d = event.data;
      return {
        status: 'active',
        id: d.pathwayId,
        participantId: d.participantId,
        municipality: d.municipality,
        kind: d.kind,
        jurisdiction: d.jurisdiction,
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        coachId: d.coachId,
        steps: 0,
        ...(d.offerId ? { offerId: d.offerId } : {}),
      };
    }
    case 'CaseStepRecorded':
      return state.status === 'none' ? state : { ...state, steps: state.steps + 1 };
    case 'PathwayCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayAborted':
      return state.status === 'none' ? state : { ...state, status: 'aborted', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayTransferred':
      return state.status === 'none' ? state : { ...state, coachId: event.data.toCoachId };
    default:
      return unreachable(event);
  }
};

/** What the pathway needs to know of its participant; the handler reads it from the participant's stream. */
export interface ParticipantSnapshot {
  status: 'none' | 'registered' | 'erased' | 'merged';
  municipality?: string;
}

// Commands.
export type OpenPathway = Command<
  'OpenPathway',
  {
    pathwayId: string;
    participant: ParticipantSnapshot & { id: string };
    kind: PathwayKind;
    jurisdiction: Jurisdiction;
    provider: string;
    goal: Sealed;
    plannedStart: string;
    plannedEnd: string;
    coachId: string;
    /** Opened from the sealed personal data; only the age on the planned start goes into the event. */
    birthDate?: string;
    offerId?: string;
  }
>;
export type RecordCaseStep = Command<'RecordCaseStep', { step: Omit<CaseStep, 'recordedBy'> }>;
export type CompletePathway = Command<'CompletePathway', { outcome: Outcome; endedOn: string }>;
export type AbortPathway = Command<'AbortPathway', { outcome: Outcome; endedOn: string; reason: Sealed }>;
export type TransferPathway = Command<'TransferPathway', { toCoachId: string }>;
export type PathwayCommand = OpenPathway | RecordCaseStep | CompletePathway | AbortPathway | TransferPathway;

/** A completion reaches the goal, so it ends with one of these. */
export const GOAL_REACHED_OUTCOMES: readonly Outcome[] = ['training_place', 'employment', 'school', 'other_measure'];

/**
 * An abort ends without the goal: the person left, moved, vanished, or went over into another measure.
 * A training place, a job or a school place is never an abort's outcome: that is a completion, and
 * recording it as an abort would hide a success from the statistics and R3.
 */
export const ABORT_OUTCOMES: readonly Outcome[] = ['dropped_out', 'moved_away', 'unknown', 'other_measure'];

const active = (state: Pathway): OpenedPathwayState => {
  if (state.status === 'none') throw new DomainError('not_found', 'pathway does not exist');
  if (state.status !== 'active') throw new DomainError('pathway_not_active', `pathway is ${state.status}`);
  return state;
};

const assertEnd = (state: OpenedPathwayState, endedOn: string, now: string) => {
  if (endedOn < state.plannedStart)
    throw new DomainError('end_before_start', `ended on ${endedOn}, before the start ${state.plannedStart}`);
  if (endedOn > dayOf(now)) throw new DomainError('end_in_future', `ended on ${endedOn}, which is after today`);
};

const openPathway = ({ data: d, metadata }: OpenPathway, state: Pathway): PathwayEvent[] => {
  if (state.status !== 'none') throw new DomainError('pathway_exists', 'pathway already opened');
  if (d.participant.status === 'none') throw new DomainError('participant_not_found', 'no such participant');
  if (d.participant.status !== 'registered') throw new DomainError('participant_not_active', `participant is ${d.participant.status}`);
  if (d.plannedEnd < d.plannedStart)
    throw new DomainError('invalid_period', `planned end ${d.plannedEnd} is before planned start ${d.plannedStart}`);
  return [
    {
      type: 'PathwayOpened',
      data: {
        pathwayId: d.pathwayId,
        participantId: d.participant.id,
        municipality: d.participant.municipality ?? '',
        kind: d.kind,
        jurisdiction: d.jurisdiction,
        provider: d.provider,
        goal: d.goal,
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        coachId: d.coachId,
        openedAt: metadata.now,
        ...(d.birthDate ? { ageAtStart: ageOn(d.birthDate, d.plannedStart) } : {}),
        ...(d.offerId ? { offerId: d.offerId } : {}),
      },
    },
  ];
};

const recordCaseStep = ({ data: { step }, metadata }: RecordCaseStep, state: Pathway): PathwayEvent[] => {
  const pathway = active(state);
  if (step.occurredAt > metadata.now) throw new DomainError('step_in_future', `step dated ${step.occurredAt} is in the future`);
  if (dayOf(step.occurredAt) < pathway.plannedStart) {
    throw new DomainError('step_before_start', `step dated ${step.occurredAt} is before the pathway started on ${pathway.plannedStart}`);
  }
  if (step.next && step.next.dueOn < dayOf(step.occurredAt)) {
    throw new DomainError('next_step_before_step', `next step due on ${step.next.dueOn} is before this step on ${dayOf(step.occurredAt)}`);
  }
  return [{ type: 'CaseStepRecorded', data: { pathwayId: pathway.id, step: { ...step, recordedBy: metadata.actor } } }];
};

const completePathway = ({ data, metadata }: CompletePathway, state: Pathway): PathwayEvent[] => {
  const pathway = active(state);
  if (!GOAL_REACHED_OUTCOMES.includes(data.outcome)) {
    throw new DomainError('outcome_not_a_completion', `outcome ${data.outcome} does not reach the goal; abort the pathway instead`);
  }
  assertEnd(pathway, data.endedOn, metadata.now);
  return [{ type: 'PathwayCompleted', data: { pathwayId: pathway.id, ...data } }];
};

const abortPathway = ({ data, metadata }: AbortPathway, state: Pathway): PathwayEvent[] => {
  const pathway = active(state);
  if (!ABORT_OUTCOMES.includes(data.outcome)) {
    throw new DomainError('outcome_not_an_abort', `outcome ${data.outcome} reaches the goal; complete the pathway instead`);
  }
  assertEnd(pathway, data.endedOn, metadata.now);
  return [{ type: 'PathwayAborted', data: { pathwayId: pathway.id, ...data } }];
};

const transferPathway = ({ data, metadata }: TransferPathway, state: Pathway): PathwayEvent[] => {
  const pathway = active(state);
  if (pathway.coachId === data.toCoachId) throw new DomainError('already_assigned', 'the pathway is already with this coach');
  return [
    {
      type: 'PathwayTransferred',
      data: { pathwayId: pathway.id, fromCoachId: pathway.coachId, toCoachId: data.toCoachId, transferredAt: metadata.now },
    },
  ];
};

export const decide = (command: PathwayCommand, state: Pathway): PathwayEvent[] => {
  switch (command.type) {
    case 'OpenPathway':
      return openPathway(command, state);
    case 'RecordCaseStep':
      return recordCaseStep(command, state);
    case 'CompletePathway':
      return completePathway(command, state);
    case 'AbortPathway':
      return abortPathway(command, state);
    case 'TransferPathway':
      return transferPathway(command, state);
    default:
      return unreachable(command);
  }
};

export const pathwayDecider: Decider<PathwayCommand, PathwayEvent, Pathway> = {
  decide,
  evolve,
  initialState: initialPathway,
  isEvent: isPathwayEvent,
};
