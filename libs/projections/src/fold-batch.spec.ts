import type { StoredEvent } from '@lotse/event-store';
import { foldBatch, touchedIds } from './fold-batch';
import { pathwaySummary } from './testing/pathway-summary.projection';

const event = (globalPosition: number, type: string, pathwayId = 'p1'): StoredEvent =>
  ({ globalPosition, type, data: { pathwayId } }) as unknown as StoredEvent;

const opened = event(11, 'PathwayOpened');
const step = event(12, 'CaseStepRecorded');
const noted = event(13, 'ParticipantNoted');
const secondStep = event(14, 'CaseStepRecorded');

describe('folding a batch in memory', () => {
  it('writes each touched document once, as its last event left it', () => {
    const fold = foldBatch(pathwaySummary(), [opened, step, noted, secondStep], new Map());
    expect(fold).toMatchObject({ folded: 4, position: 14, applied: 3 });
    expect(fold.changed).toEqual([{ id: 'p1', doc: { pathwayId: 'p1', status: 'active', steps: 2 }, position: 14, ordinal: 4 }]);
  });

  it('leaves out events a document already has, by their ordinal, so a replay after a crash doubles nothing', () => {
    const loaded = new Map([['p1', { doc: { pathwayId: 'p1', status: 'active', steps: 1 }, ordinal: 12 }]]);
    const fold = foldBatch(pathwaySummary(), [step, noted, secondStep], loaded, 11);
    expect(fold.applied).toBe(1);
    expect(fold.changed).toEqual([{ id: 'p1', doc: { pathwayId: 'p1', status: 'active', steps: 2 }, position: 14, ordinal: 13 }]);
  });

  it('stops at the event whose projection code throws, keeping everything before it', () => {
    const projection = {
      ...pathwaySummary(),
      apply: (current: unknown, e: StoredEvent) => {
        if (e === secondStep) throw new Error('bad step');
        return pathwaySummary().apply(current as never, e);
      },
    };
    const fold = foldBatch(projection, [opened, step, noted, secondStep], new Map());
    expect(fold).toMatchObject({ folded: 3, position: 13, applied: 2, failure: { position: 14, error: new Error('bad step') } });
    expect(fold.changed[0].doc).toEqual({ pathwayId: 'p1', status: 'active', steps: 1 });
  });

  it('marks a document the projection drops for deletion', () => {
    const fold = foldBatch(pathwaySummary(), [opened, event(15, 'PathwayWithdrawn')], new Map());
    expect(fold.changed).toEqual([{ id: 'p1', doc: undefined, position: 15, ordinal: 2 }]);
  });

  it('names the documents of handled events only, once each', () => {
    expect(touchedIds(pathwaySummary(), [opened, step, event(16, 'ParticipantNoted', 'p2'), event(17, 'PathwayOpened', 'p3')])).toEqual([
      'p1',
      'p3',
    ]);
  });
});
