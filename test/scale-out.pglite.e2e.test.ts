import { scaleOutScenarios } from './support/scale-out.scenarios';

describe('two app instances on one embedded store (pglite)', () => {
  scaleOutScenarios(() => `pglite:memory://scale-out-${process.pid}`);
});
