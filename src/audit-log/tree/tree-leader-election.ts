import type { EventStoreLocation } from '@lotse/event-store';
import { InProcessLeaderElection, LeaderElection, PostgresLeaderElection } from '@lotse/projections';

/**
 * Who may follow the log into the audit tree: the projections' kind of election, held in the
 * database the tree lives in (beside the events), so one follower leads across every process and
 * instance that shares it, and a dead leader's lock goes with its session. None beside KurrentDB,
 * where there is no tree.
 */
export const treeLeaderElection = (events: EventStoreLocation): LeaderElection | undefined => {
  switch (events.engine) {
    case 'postgres':
      return new PostgresLeaderElection({ connectionString: events.connectionString, namespace: events.schema });
    case 'pglite':
      return new InProcessLeaderElection(events.dir);
    case 'kurrentdb':
      return undefined;
  }
};
