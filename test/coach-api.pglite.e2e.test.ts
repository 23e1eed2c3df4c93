import { coachApiScenarios } from './support/coach-api.scenarios';

describe('the coach API on the embedded store (pglite)', () => {
  coachApiScenarios(() => 'pglite:memory://');
});
