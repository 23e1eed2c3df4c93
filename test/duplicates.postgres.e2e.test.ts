import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { duplicatesScenarios } from './support/duplicates.scenarios';

describe('duplicate registrations on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_dup');
  afterAll(() => dropSchemas([schema]));
  duplicatesScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
