import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { statisticsScenarios } from './support/statistics.scenarios';

describe('statistics and reports on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_statistics');
  afterAll(() => dropSchemas([schema]));
  statisticsScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
