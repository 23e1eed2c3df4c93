import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { guardScenarios } from './support/guard.scenarios';

describe('the measure-career guard on the PostgreSQL server, two app instances', () => {
  const schema = freshSchemaName('lotse_guard');
  afterAll(() => dropSchemas([schema]));
  guardScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
