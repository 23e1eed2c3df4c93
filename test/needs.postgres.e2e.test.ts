import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { needsScenarios } from './support/needs.scenarios';

describe('needs assessments on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_needs');
  afterAll(() => dropSchemas([schema]));
  needsScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
