import { DeciderSpecification } from '../testing/decider-specification';
import { Outcome } from '../kernel/vocabulary';
import { OpenPathway, PathwayCommand, pathwayDecider, PathwayEvent } from './pathway.decider';

const given = DeciderSpecification.for(pathwayDecider);
const now = '2026-03-10T12:00:00.000Z';
const metadata = { now, actor: 'coach-1' };

const opened: PathwayEvent = {
  type: 'PathwayOpened',
  data: {
    pathwayId: 'p-1',
    participantId: 'a-1',
    municipality: 'neuss',
    kind: 'coaching',
    jurisdiction: 'state',
    provider: 'Caritas',
    goal: 'sealed-goal',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
    coachId: 'coach-1',
    openedAt: '2026-03-01T08:00:00.000Z',
  },
};
const completed: PathwayEvent = { type: 'PathwayCompleted', data: { pathwayId: 'p-1', outcome: 'training_place', endedOn: '2026-03-09' } };
const aborted: PathwayEvent = {
  type: 'PathwayAborted',
  data: { pathwayId: 'p-1', outcome: 'moved_away', endedOn: '2026-03-09', reason: 'sealed' },
};

const open = (overrides: Partial<OpenPathway['data']> = {}): PathwayCommand => ({
  type: 'OpenPathway',
  metadata,
  data: {
    pathwayId: 'p-1',
    participant: { id: 'a-1', status: 'registered', municipality: 'neuss' },
    kind: 'coaching',
    jurisdiction: 'state',
    provider: 'Caritas',
    goal: 'sealed-goal',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-08-31',
    coachId: 'coach-1',
    ...overrides,
  },
});
const recordCaseStep = (occurredAt: string, next?: { kind: 'goal_agreement'; dueOn: string }): PathwayCommand => ({
  type: 'RecordCaseStep',
  metadata,
  data: { step: { stepId: 's-1', kind: 'counselling', occurredAt, durationMinutes: 45, ...(next ? { next } : {}) } },
});
const complete = (outcome: Outcome, endedOn: string): PathwayCommand => ({ type: 'CompletePathway', metadata, data: { outcome, endedOn } });
const abort = (endedOn: string): PathwayCommand => ({
  type: 'AbortPathway',
  metadata,
  data: { outcome: 'moved_away', endedOn, reason: 'sealed' },
});

describe('pathway decider', () => {
  describe('open', () => {
    it('opens a pathway in the participant’s municipality', () =>
      given([])
        .when(open())
        .then([{ ...opened, data: { ...opened.data, openedAt: now } }]));
    it('records the age on the planned start, never the birth date', () =>
      given([])
        .when(open({ birthDate: '2004-03-02' }))
        .then([{ ...opened, data: { ...opened.data, openedAt: now, ageAtStart: 21 } }]));
    it('opens a pathway holding a place in an offer', () =>
      given([])
        .when(open({ offerId: 'o-1' }))
        .then([{ ...opened, data: { ...opened.data, openedAt: now, offerId: 'o-1' } }]));
    it('refuses to open twice', () => given([opened]).when(open()).thenThrows('pathway_exists'));
    it('refuses an unknown participant', () =>
      given([])
        .when(open({ participant: { id: 'a-9', status: 'none' } }))
        .thenThrows('participant_not_found'));
    it('refuses a merged-away participant', () =>
      given([])
        .when(open({ participant: { id: 'a-1', status: 'merged', municipality: 'neuss' } }))
        .thenThrows('participant_not_active'));
    it('refuses a planned end before the planned start', () =>
      given([])
        .when(open({ plannedStart: '2026-05-01', plannedEnd: '2026-04-30' }))
        .thenThrows('invalid_period'));
  });

  describe('record case step', () => {
    it('records a step with the recording coach', () =>
      given([opened])
        .when(recordCaseStep('2026-03-10T09:00:00.000Z'))
        .then([
          {
            type: 'CaseStepRecorded',
            data: {
              pathwayId: 'p-1',
              step: {
                stepId: 's-1',
                kind: 'counselling',
                occurredAt: '2026-03-10T09:00:00.000Z',
                durationMinutes: 45,
                recordedBy: 'coach-1',
              },
            },
          },
        ]));
    it('refuses a step on a completed pathway', () =>
      given([opened, completed]).when(recordCaseStep('2026-03-10T09:00:00.000Z')).thenThrows('pathway_not_active'));
    it('refuses a step on an aborted pathway', () =>
      given([opened, aborted]).when(recordCaseStep('2026-03-10T09:00:00.000Z')).thenThrows('pathway_not_active'));
    it('refuses a step dated in the future', () =>
      given([opened]).when(recordCaseStep('2026-03-10T12:00:00.001Z')).thenThrows('step_in_future'));
    it('records the next step agreed, due on the same day or later', () =>
      given([opened])
        .when(recordCaseStep('2026-03-10T09:00:00.000Z', { kind: 'goal_agreement', dueOn: '2026-03-10' }))
        .then([
          {
            type: 'CaseStepRecorded',
            data: {
              pathwayId: 'p-1',
              step: {
                stepId: 's-1',
                kind: 'counselling',
                occurredAt: '2026-03-10T09:00:00.000Z',
                durationMinutes: 45,
                next: { kind: 'goal_agreement', dueOn: '2026-03-10' },
                recordedBy: 'coach-1',
              },
            },
          },
        ]));
    it('refuses a next step due before the step itself', () =>
      given([opened])
        .when(recordCaseStep('2026-03-10T09:00:00.000Z', { kind: 'goal_agreement', dueOn: '2026-03-09' }))
        .thenThrows('next_step_before_step'));
    it('refuses a step before the pathway started', () =>
      given([opened]).when(recordCaseStep('2026-02-28T23:00:00.000Z')).thenThrows('step_before_start'));
    it('refuses a step on a pathway that does not exist', () =>
      given([]).when(recordCaseStep('2026-03-10T09:00:00.000Z')).thenThrows('not_found'));
  });

  describe('complete and abort', () => {
    it('completes with an outcome that reaches the goal', () =>
      given([opened]).when(complete('training_place', '2026-03-09')).then([completed]));
    it('refuses to complete with an outcome that does not reach the goal', () =>
      given([opened]).when(complete('dropped_out', '2026-03-09')).thenThrows('outcome_not_a_completion'));
    it('refuses an end before the start', () =>
      given([opened]).when(complete('training_place', '2026-02-28')).thenThrows('end_before_start'));
    it('refuses an end after today', () => given([opened]).when(abort('2026-03-11')).thenThrows('end_in_future'));
    it('aborts with a reason', () => given([opened]).when(abort('2026-03-09')).then([aborted]));
    it.each(['dropped_out', 'moved_away', 'unknown', 'other_measure'] as const)('aborts with the outcome %s', (outcome) =>
      given([opened])
        .when({ type: 'AbortPathway', metadata, data: { outcome, endedOn: '2026-03-09', reason: 'sealed' } })
        .then([{ type: 'PathwayAborted', data: { pathwayId: 'p-1', outcome, endedOn: '2026-03-09', reason: 'sealed' } }]),
    );
    it.each(['training_place', 'employment', 'school'] as const)(
      'refuses to abort with the outcome %s, which reaches the goal',
      (outcome) =>
        given([opened])
          .when({ type: 'AbortPathway', metadata, data: { outcome, endedOn: '2026-03-09', reason: 'sealed' } })
          .thenThrows('outcome_not_an_abort'),
    );
    it.each(['dropped_out', 'moved_away', 'unknown'] as const)('refuses to complete with the outcome %s', (outcome) =>
      given([opened]).when(complete(outcome, '2026-03-09')).thenThrows('outcome_not_a_completion'),
    );
    it('refuses to end a pathway twice', () => given([opened, completed]).when(abort('2026-03-09')).thenThrows('pathway_not_active'));
  });

  describe('transfer', () => {
    it('hands the pathway to another coach', () =>
      given([opened])
        .when({ type: 'TransferPathway', metadata, data: { toCoachId: 'coach-2' } })
        .then([
          { type: 'PathwayTransferred', data: { pathwayId: 'p-1', fromCoachId: 'coach-1', toCoachId: 'coach-2', transferredAt: now } },
        ]));
    it('refuses to transfer to the coach who has it', () =>
      given([opened])
        .when({ type: 'TransferPathway', metadata, data: { toCoachId: 'coach-1' } })
        .thenThrows('already_assigned'));
    it('refuses to transfer an ended pathway', () =>
      given([opened, aborted])
        .when({ type: 'TransferPathway', metadata, data: { toCoachId: 'coach-2' } })
        .thenThrows('pathway_not_active'));
  });
});
