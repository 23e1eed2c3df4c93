import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { auditLogScenarios } from './support/audit-log.scenarios';

describe('the verifiable audit log on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_e2e');
  afterAll(() => dropSchemas([schema]));
  auditLogScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
