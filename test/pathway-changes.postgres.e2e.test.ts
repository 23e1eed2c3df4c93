import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { pathwayChangesScenarios } from './support/pathway-changes.scenarios';

describe('changes to a pathway, given / when / then, on the PostgreSQL server', () => {
  const schema = freshSchemaName('lotse_e2e');
  afterAll(() => dropSchemas([schema]));
  pathwayChangesScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
