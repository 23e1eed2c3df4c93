import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { readModelScenarios } from './support/read-models.scenarios';

describe('read models on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_e2e');
  afterAll(() => dropSchemas([schema]));
  readModelScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
