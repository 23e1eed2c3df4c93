import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { loadConfig } from '../src/config';
import { createApp, startApp } from '../src/create-app';

// Set, so that the app does not generate a secret into ./data of the working copy.
const TEST_JWT_SECRET = 'health-test-secret-of-at-least-32-chars';

describe('GET /health on the PostgreSQL server (DATABASE_URL)', () => {
  const schema = freshSchemaName();
  let app: INestApplication;

  beforeAll(async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('schema', schema);
    app = await createApp(loadConfig({ EVENT_STORE_URL: url.toString(), LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET }));
    await startApp(app);
  });
  afterAll(async () => {
    await app?.close();
    await dropSchemas([schema]);
  });

  it('answers 200 with engine postgres, having migrated a fresh schema', async () => {
    const res = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'pg-1').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', engine: 'postgres' } } });
    expect(res.headers['x-request-id']).toBe('pg-1');
  });
});
