import { Command, Decider, DomainError, Event, isEventOf } from '@lotse/domain';
import { decideOnce } from './decide-once';
import { Snapshot } from './stream-snapshots';

type Add = Command<'Add', { by: number; max: number }>;
type Added = Event<'Added', { by: number }>;
const adder: Decider<Add, Added, number> = {
  initialState: 0,
  evolve: (total, e) => total + e.data.by,
  decide: ({ data: { by, max } }, total) => {
    if (total + by > max) throw new DomainError('not_eligible', `would pass ${max}`);
    return by === 0 ? [] : [{ type: 'Added', data: { by } }];
  },
  isEvent: isEventOf<Added>({ Added: true }),
};
const add = (by: number, max = 10): Add => ({
  type: 'Add',
  data: { by, max },
  metadata: { now: '2026-03-10T12:00:00.000Z', actor: 'coach-1' },
});
const snapshot = (state: number, fresh: boolean, version = 3): Snapshot<number> => ({ state, version, position: 40, fresh });

describe('decideOnce', () => {
  it('decides the events on any snapshot, fresh or remembered', () => {
    expect(decideOnce(adder, add(2), snapshot(1, false))).toEqual({ kind: 'decided', events: [{ type: 'Added', data: { by: 2 } }] });
    expect(decideOnce(adder, add(2), snapshot(1, true))).toEqual({ kind: 'decided', events: [{ type: 'Added', data: { by: 2 } }] });
  });

  it('refuses, answers a no-op or a version mismatch only on a fresh snapshot; on a remembered one it asks for a fresh read', () => {
    expect(decideOnce(adder, add(20), snapshot(1, false))).toEqual({ kind: 'stale' });
    expect(decideOnce(adder, add(20), snapshot(1, true))).toMatchObject({ kind: 'refused', error: { code: 'not_eligible' } });
    expect(decideOnce(adder, add(0), snapshot(1, false))).toEqual({ kind: 'stale' });
    expect(decideOnce(adder, add(0), snapshot(1, true))).toEqual({ kind: 'unchanged' });
    expect(decideOnce(adder, add(1), snapshot(1, false), 2)).toEqual({ kind: 'stale' });
    expect(decideOnce(adder, add(1), snapshot(1, true), 2)).toEqual({ kind: 'version_mismatch', actual: 3 });
  });

  it('decides when If-Match names the snapshot’s version', () => {
    expect(decideOnce(adder, add(1), snapshot(1, false), 3)).toMatchObject({ kind: 'decided' });
  });
});
