import { guardScenarios } from './support/guard.scenarios';

describe('the measure-career guard on the embedded store (pglite), two app instances', () => {
  // A named in-memory database, so both instances meet in it as two servers would in one PostgreSQL.
  guardScenarios(() => `pglite:memory://guard-${process.pid}`);
});
