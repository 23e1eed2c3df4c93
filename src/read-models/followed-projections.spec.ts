import type { LogOrder, Projection, ReadModelStore } from '@lotse/projections';
import { FollowedProjections } from './followed-projections';

const projections = [{ name: 'pathways' }, { name: 'case_steps' }] as unknown as Projection[];
/** Positions in number order, as on a store whose positions are its commit order. */
const logOrder: LogOrder = { hasPassed: async (position, checkpoint) => position <= checkpoint, behind: async () => 0 };

const fakeStore = (checkpoints: Record<string, number>) =>
  ({
    init: async () => undefined,
    checkpoint: async (name: string) => checkpoints[name] ?? 0,
  }) as unknown as ReadModelStore;

describe('FollowedProjections (the runner lives in another thread or process)', () => {
  it('shows the stored checkpoints as waiting until a report arrives, then the report and its lags', async () => {
    const lags: [string, readonly number[]][] = [];
    const followed = new FollowedProjections(projections, fakeStore({ pathways: 7, case_steps: 5 }), logOrder, (name, seconds) =>
      lags.push([name, seconds]),
    );
    await followed.start();
    expect(followed.status()).toEqual([
      { name: 'pathways', position: 7, state: 'waiting' },
      { name: 'case_steps', position: 5, state: 'waiting' },
    ]);
    followed.receive({
      kind: 'lotse:projection-feed',
      statuses: [
        { name: 'pathways', position: 9, state: 'running' },
        { name: 'case_steps', position: 4, state: 'failed', error: { message: 'boom', position: 5 } },
      ],
      lags: { pathways: [0.01, 0.02] },
    });
    expect(followed.status().map((s) => [s.name, s.state, s.position])).toEqual([
      ['pathways', 'running', 9],
      ['case_steps', 'failed', 4],
    ]);
    expect(followed.positionOf('pathways')).toBe(9);
    expect(lags).toEqual([['pathways', [0.01, 0.02]]]);
    await followed.stop();
  });

  it('lets a minPosition read through once the stored checkpoint (or a report) has passed it, and not before', async () => {
    const checkpoints = { pathways: 3, case_steps: 0 };
    const followed = new FollowedProjections(projections, fakeStore(checkpoints), logOrder, () => undefined);
    await followed.start();
    expect(await followed.waitFor('pathways', 3, 10)).toBe(true);
    expect(await followed.waitFor('pathways', 4, 60)).toBe(false);
    const waiting = followed.waitFor('pathways', 6, 2_000);
    setTimeout(() => (checkpoints.pathways = 6), 50);
    expect(await waiting).toBe(true);
    const fed = followed.waitFor('case_steps', 2, 2_000);
    followed.receive({ kind: 'lotse:projection-feed', statuses: [{ name: 'case_steps', position: 2, state: 'running' }], lags: {} });
    expect(await fed).toBe(true);
    await followed.stop();
  });
});
