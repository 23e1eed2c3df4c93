import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { auditTrailScenarios } from './support/audit-trail.scenarios';

describe('the audit trail on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_audit');
  afterAll(() => dropSchemas([schema]));
  auditTrailScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
