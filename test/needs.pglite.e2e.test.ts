import { needsScenarios } from './support/needs.scenarios';

describe('needs assessments on the embedded store (pglite)', () => {
  needsScenarios(() => 'pglite:memory://');
});
