import type { StoredEvent } from '@lotse/event-store';
import { byOccurrence, CaseStepDocument, caseStepsProjection } from '../timeline/case-steps.projection';
import { PathwayDocument, pathwaysProjection } from './pathways.projection';

let version = -1;
const stored = (type: string, data: Record<string, unknown>): StoredEvent => {
  version += 1;
  return {
    type,
    data,
    streamId: 'pathway-p1',
    streamVersion: version,
    globalPosition: 100 + version,
    eventId: `e${version}`,
    schemaVersion: 1,
    recordedAt: '2026-03-01T09:00:00.000Z',
    hash: '',
    metadata: { actor: 'coach-1', role: 'coach', municipality: 'neuss', correlationId: 'c', causationId: null, occurredAt: '' },
  };
};
const opened = () =>
  stored('PathwayOpened', {
    pathwayId: 'p1',
    participantId: 'a1',
    municipality: 'neuss',
    kind: 'coaching',
    jurisdiction: 'state',
    provider: 'Caritas',
    goal: 'sealed-goal',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    coachId: 'coach-1',
    openedAt: '2026-01-02T08:00:00.000Z',
  });
const step = (kind: string, occurredAt: string, next?: object) =>
  stored('CaseStepRecorded', {
    pathwayId: 'p1',
    step: { stepId: `s-${occurredAt}`, kind, occurredAt, recordedBy: 'coach-1', ...(next ? { next } : {}) },
  });

/** Given these events, the document the projection folds them into. */
const given = (...events: StoredEvent[]): PathwayDocument | undefined =>
  events.reduce<PathwayDocument | undefined>((doc, e) => pathwaysProjection.apply(doc, e), undefined);

describe('the pathways projection', () => {
  beforeEach(() => {
    version = -1;
  });

  it('opens a caseload row with nothing done and nothing due yet', () => {
    expect(given(opened())).toMatchObject({
      id: 'p1',
      municipality: 'neuss',
      coachId: 'coach-1',
      status: 'active',
      caseStepCount: 0,
      lastStep: null,
      lastContactAt: null,
      nextStep: null,
      nextDueOn: null,
      goal: 'sealed-goal',
      version: 0,
    });
  });

  it('keeps as last step the one that happened last, not one recorded late', () => {
    const doc = given(
      opened(),
      step('intake', '2026-02-01T09:00:00.000Z'),
      step('counselling', '2026-02-10T09:00:00.000Z', { kind: 'referral', dueOn: '2026-02-20' }),
      step('referral', '2026-02-05T09:00:00.000Z', { kind: 'note', dueOn: '2026-02-06' }),
    );
    expect(doc).toMatchObject({
      caseStepCount: 3,
      lastStep: { kind: 'counselling', occurredAt: '2026-02-10T09:00:00.000Z' },
      nextStep: { kind: 'referral', dueOn: '2026-02-20' },
      version: 3,
    });
  });

  it('writes each step once into the timeline, which reads in the order steps happened', () => {
    const steps = [
      step('intake', '2026-02-01T09:00:00.000Z'),
      step('counselling', '2026-02-10T09:00:00.000Z'),
      step('referral', '2026-02-05T09:00:00.000Z'),
    ].map((e) => caseStepsProjection.apply(undefined, e)!); // eslint-disable-line prefer-spread -- the projection's apply, not Function.prototype.apply
    expect(steps[2]).toEqual({
      stepId: 's-2026-02-05T09:00:00.000Z',
      pathwayId: 'p1',
      kind: 'referral',
      occurredAt: '2026-02-05T09:00:00.000Z',
      note: null,
      recordedBy: 'coach-1',
      version: 2,
    });
    expect(caseStepsProjection.documentId(step('note', '2026-02-11T09:00:00.000Z'))).toBe('s-2026-02-11T09:00:00.000Z');
    expect([...steps].sort(byOccurrence).map((s: CaseStepDocument) => s.kind)).toEqual(['intake', 'referral', 'counselling']);
    const same = { ...steps[0], version: 9 };
    expect([same, steps[0]].sort(byOccurrence).map((s) => s.version)).toEqual([0, 9]);
  });

  it('counts as last contact only a step that reached the person', () => {
    const doc = given(
      opened(),
      step('counselling', '2026-02-01T09:00:00.000Z'),
      step('contact_failed', '2026-02-08T09:00:00.000Z'),
      step('note', '2026-02-09T09:00:00.000Z'),
    );
    expect(doc).toMatchObject({ lastContactAt: '2026-02-01T09:00:00.000Z', lastStep: { kind: 'note' } });
  });

  it('shows as due what the latest step planned, and nothing once the pathway ended', () => {
    const planned = given(
      opened(),
      step('intake', '2026-02-01T09:00:00.000Z', { kind: 'goal_agreement', dueOn: '2026-02-15' }),
      step('note', '2026-02-02T09:00:00.000Z', { kind: 'counselling', dueOn: '2026-02-20' }),
    );
    expect(planned).toMatchObject({ nextStep: { kind: 'counselling', dueOn: '2026-02-20' }, nextDueOn: '2026-02-20' });
    const unplanned = pathwaysProjection.apply(planned, step('counselling', '2026-02-20T09:00:00.000Z'));
    expect(unplanned).toMatchObject({ nextStep: null, nextDueOn: null });
    const ended = pathwaysProjection.apply(
      planned,
      stored('PathwayCompleted', { pathwayId: 'p1', outcome: 'school', endedOn: '2026-03-01' }),
    );
    expect(ended).toMatchObject({ status: 'completed', outcome: 'school', endedOn: '2026-03-01', nextStep: null, nextDueOn: null });
  });

  it('moves the row to the new coach on a transfer, and leaves a pathway it never saw opened alone', () => {
    expect(
      given(opened(), stored('PathwayTransferred', { pathwayId: 'p1', fromCoachId: 'coach-1', toCoachId: 'coach-2', transferredAt: '' })),
    ).toMatchObject({ coachId: 'coach-2', version: 1 });
    expect(given(step('intake', '2026-02-01T09:00:00.000Z'))).toBeUndefined();
  });

  it('never changes the document it is given', () => {
    const before = given(opened(), step('intake', '2026-02-01T09:00:00.000Z'))!;
    const frozen = JSON.stringify(before);
    pathwaysProjection.apply(before, step('counselling', '2026-01-15T09:00:00.000Z'));
    expect(JSON.stringify(before)).toBe(frozen);
  });
});
