import { pathwayChangesScenarios } from './support/pathway-changes.scenarios';

describe('changes to a pathway, given / when / then, on the embedded store (pglite)', () => {
  pathwayChangesScenarios(() => 'pglite:memory://');
});
