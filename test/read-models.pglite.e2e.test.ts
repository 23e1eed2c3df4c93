import { readModelScenarios } from './support/read-models.scenarios';

describe('read models on the embedded store (pglite)', () => {
  readModelScenarios(() => 'pglite:memory://');
});
