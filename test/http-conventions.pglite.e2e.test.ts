import { httpConventionsScenarios } from './support/http-conventions.scenarios';

describe('the HTTP conventions on the embedded store (pglite:memory://)', () => {
  httpConventionsScenarios(() => 'pglite:memory://');
});
