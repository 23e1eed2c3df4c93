import { auditLogScenarios } from './support/audit-log.scenarios';

describe('the verifiable audit log on the embedded store (pglite)', () => {
  auditLogScenarios(() => 'pglite:memory://');
});
