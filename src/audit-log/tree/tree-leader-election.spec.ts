import { parseEventStoreUrl } from '@lotse/event-store';
import { InProcessLeaderElection, PostgresLeaderElection } from '@lotse/projections';
import { treeLeaderElection } from './tree-leader-election';

describe('treeLeaderElection: where the tree follower takes its lead', () => {
  it('is an advisory lock on the events’ PostgreSQL server', () => {
    expect(treeLeaderElection(parseEventStoreUrl('postgres://root@127.0.0.1:5432/lotse?schema=county'))).toBeInstanceOf(
      PostgresLeaderElection,
    );
  });

  it('is held in this process on the embedded database, one follower per directory', async () => {
    const location = parseEventStoreUrl('pglite:memory://tree-lead-spec');
    const [first, second] = [treeLeaderElection(location), treeLeaderElection(location)];
    expect(first).toBeInstanceOf(InProcessLeaderElection);
    expect(await first!.tryAcquire('audit-tree')).toBe(true);
    expect(await second!.tryAcquire('audit-tree')).toBe(false);
    await first!.close();
    expect(await second!.tryAcquire('audit-tree')).toBe(true);
    await second!.close();
  });

  it('is none beside KurrentDB, where there is no tree', () => {
    expect(treeLeaderElection(parseEventStoreUrl('kurrentdb://127.0.0.1:2113?tls=false'))).toBeUndefined();
  });
});
