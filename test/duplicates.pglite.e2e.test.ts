import { duplicatesScenarios } from './support/duplicates.scenarios';

describe('duplicate registrations on the embedded store (pglite)', () => {
  duplicatesScenarios(() => 'pglite:memory://');
});
