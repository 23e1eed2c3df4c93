import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { seedScenarios } from './support/seed.scenarios';

describe('npm run seed on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_seed');
  afterAll(() => dropSchemas([schema]));
  seedScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
