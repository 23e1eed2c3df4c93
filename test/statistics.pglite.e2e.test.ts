import { statisticsScenarios } from './support/statistics.scenarios';

describe('statistics and reports on the embedded store (pglite)', () => {
  statisticsScenarios(() => `pglite:memory://statistics-${process.pid}`);
});
