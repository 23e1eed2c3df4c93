import { rateLimitsScenarios } from './support/rate-limits.scenarios';

/** One process on the embedded store: the counts live in memory. */
describe('rate limits on the embedded store (pglite:memory://)', () => {
  rateLimitsScenarios(() => 'pglite:memory://');
});
