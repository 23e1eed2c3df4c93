import { eventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * No KurrentDB server can run on the development machines or in CI; this suite runs the very
 * same contract against a real one whenever KURRENTDB_URL names it, e.g.
 * KURRENTDB_URL=kurrentdb://127.0.0.1:2113?tls=false npm test
 */
const url = process.env.KURRENTDB_URL;
if (!url) {
  process.stdout.write('KurrentDB contract suite SKIPPED: KURRENTDB_URL is not set (no KurrentDB server here).\n');
}

(url ? describe : describe.skip)(`EventStore contract on KurrentDB${url ? '' : ' (SKIPPED: set KURRENTDB_URL)'}`, () => {
  eventStoreContract({
    open: async (options) => {
      const store = new KurrentDbEventStore(String(url).replace(/^kurrent(db)?/i, 'esdb'), options);
      await store.init();
      return store;
    },
    // KurrentDB events are immutable: there is no row an intruder could alter, so no tamper hooks.
  });
});
