import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { coachApiScenarios } from './support/coach-api.scenarios';

describe('the coach API on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_e2e');
  afterAll(() => dropSchemas([schema]));
  coachApiScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
