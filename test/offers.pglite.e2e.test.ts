import { offersScenarios } from './support/offers.scenarios';

describe('offers and their places on the embedded store (pglite), two app instances', () => {
  // A named in-memory database, so both instances meet in it as two servers would in one PostgreSQL.
  offersScenarios(() => `pglite:memory://offers-${process.pid}`);
});
