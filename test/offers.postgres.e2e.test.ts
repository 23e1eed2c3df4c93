import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { offersScenarios } from './support/offers.scenarios';

describe('offers and their places on the PostgreSQL server, two app instances', () => {
  const schema = freshSchemaName('lotse_offers');
  afterAll(() => dropSchemas([schema]));
  offersScenarios(() => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
});
