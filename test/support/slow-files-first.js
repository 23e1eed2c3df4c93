const Sequencer = require('@jest/test-sequencer').default;

/**
 * Seconds a file took in CI's run of 2026-12-02 (two workers, a busy 2-core machine), for the 24 files that took longest;
 * three since scaled by the share of CPU a change left them, measured alone before and after (statistics.pglite 0.58,
 * statistics.postgres 0.76, facts-join 0.74). Jest runs the longest files first when it has their times from an earlier run in its cache; a fresh
 * checkout (CI) has none, and Jest then orders by file size, which started some of the longest
 * files late: one worker still ran one while the other had finished. A time Jest measured wins.
 */
const KNOWN_SECONDS = {
  'test/statistics-page.pglite.e2e.test.ts': 61,
  'libs/projections/src/pglite/pglite-projection-runner.spec.ts': 46,
  'test/statistics.pglite.e2e.test.ts': 38,
  'test/openapi-contract.pglite.e2e.test.ts': 32,
  'test/fuzz.postgres.e2e.test.ts': 32,
  'test/readme-walkthrough.e2e.test.ts': 32,
  'test/seed.pglite.e2e.test.ts': 32,
  'libs/projections/src/postgres/postgres-projection-runner.spec.ts': 31,
  'test/projections-cli.e2e.test.ts': 30,
  'test/database-faults.e2e.test.ts': 30,
  'test/cluster.postgres.e2e.test.ts': 28,
  'test/replay-cli.e2e.test.ts': 26,
  'test/audit-log.pglite.e2e.test.ts': 26,
  'test/audit-trail.pglite.e2e.test.ts': 25,
  'test/offers.pglite.e2e.test.ts': 25,
  'test/duplicates.pglite.e2e.test.ts': 24,
  'test/startup-failure.e2e.test.ts': 23,
  'test/process-lifecycle.e2e.test.ts': 20,
  'libs/event-store/src/pglite/pglite-database.spec.ts': 20,
  'test/seed.postgres.e2e.test.ts': 19,
  'test/statistics.postgres.e2e.test.ts': 19,
  'test/coach-api.pglite.e2e.test.ts': 19,
  'test/token-script.e2e.test.ts': 18,
  'libs/domain/src/statistics/facts-join.spec.ts': 18,
};

/** Longest first (failed files before the rest, as Jest does), by Jest's measured time, else the known one, else file size. */
class SlowFilesFirst extends Sequencer {
  sort(tests) {
    const root = (test) => test.context.config.rootDir;
    const seconds = (test) => {
      const measured = this.time(test);
      if (measured != null) return measured / 1000;
      return KNOWN_SECONDS[
        test.path
          .slice(root(test).length + 1)
          .split('\\')
          .join('/')
      ];
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test); // as Jest's own sort leaves them, for its scheduler
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), seconds: seconds(test), size: size(test) }));
    keyed.sort((a, b) => Number(b.failed) - Number(a.failed) || (b.seconds ?? -1) - (a.seconds ?? -1) || b.size - a.size);
    return keyed.map(({ test }) => test);
  }
}
module.exports = SlowFilesFirst;
