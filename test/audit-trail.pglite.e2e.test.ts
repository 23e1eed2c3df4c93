import { auditTrailScenarios } from './support/audit-trail.scenarios';

describe('the audit trail on the embedded store (pglite)', () => {
  auditTrailScenarios(() => 'pglite:memory://');
});
