import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { scaleOutScenarios } from './support/scale-out.scenarios';

describe('two app instances on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_scale');
  afterAll(() => dropSchemas([schema]));
  scaleOutScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
