import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { openApiContractScenarios } from './support/openapi-contract.scenarios';

describe('the OpenAPI contract on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_e2e');
  afterAll(() => dropSchemas([schema]));
  openApiContractScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
