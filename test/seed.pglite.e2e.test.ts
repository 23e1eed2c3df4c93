import { seedScenarios } from './support/seed.scenarios';

describe('npm run seed on the embedded store (pglite)', () => {
  seedScenarios(() => `pglite:memory://seed-${process.pid}`);
});
