import type { StoredEvent } from '@lotse/event-store';
import { replayDocuments } from './replay-documents';
import { pathwaySummary } from './testing/pathway-summary.projection';

const event = (globalPosition: number, type: string, pathwayId = 'p1'): StoredEvent =>
  ({ globalPosition, type, data: { pathwayId } }) as unknown as StoredEvent;

describe('replaying documents as they were', () => {
  it('folds the events in log order with the projection’s own apply, whatever order they come in', () => {
    const documents = replayDocuments(pathwaySummary(), [
      event(12, 'CaseStepRecorded'),
      event(11, 'PathwayOpened'),
      event(13, 'PathwayOpened', 'p2'),
    ]);
    expect([...documents.entries()]).toEqual([
      ['p1', { pathwayId: 'p1', status: 'active', steps: 1 }],
      ['p2', { pathwayId: 'p2', status: 'active', steps: 0 }],
    ]);
  });

  it('has no document for a resource its events do not reach, and throws where the projection would stop', () => {
    expect(replayDocuments(pathwaySummary(), []).size).toBe(0);
    const failing = {
      ...pathwaySummary(),
      apply: () => {
        throw new Error('cannot apply');
      },
    };
    expect(() => replayDocuments(failing, [event(11, 'PathwayOpened')])).toThrow('cannot apply');
  });
});
