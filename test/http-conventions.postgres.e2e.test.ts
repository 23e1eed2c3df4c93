import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { httpConventionsScenarios } from './support/http-conventions.scenarios';

/** The idempotency records live in PostgreSQL here, where concurrent claims really race. */
describe('the HTTP conventions on the PostgreSQL server (DATABASE_URL)', () => {
  const schema = freshSchemaName();
  afterAll(() => dropSchemas([schema]));
  httpConventionsScenarios(() => {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('schema', schema);
    return url.toString();
  });
});
