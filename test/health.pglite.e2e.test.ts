import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { loadConfig } from '../src/config';
import { createApp, startApp } from '../src/create-app';

// Set, so that the app does not generate a secret into ./data of the working copy.
const TEST_JWT_SECRET = 'health-test-secret-of-at-least-32-chars';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('GET /health on the embedded store (pglite:memory://)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApp(loadConfig({ EVENT_STORE_URL: 'pglite:memory://', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET }));
    await startApp(app);
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers 200 with the engine when the store is up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', engine: 'pglite' } } });
  });

  it('echoes a sane X-Request-Id', async () => {
    const res = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'req-42.abc').expect(200);
    expect(res.headers['x-request-id']).toBe('req-42.abc');
  });

  it('gives a fresh UUID when the caller sent none, or an insane one', async () => {
    const none = await request(app.getHttpServer()).get('/health');
    const insane = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'a b "c"');
    expect(none.headers['x-request-id']).toMatch(UUID);
    expect(insane.headers['x-request-id']).toMatch(UUID);
  });

  it('carries the request id on a 404 too', async () => {
    const res = await request(app.getHttpServer()).get('/no-such-route').set('X-Request-Id', 'lost-1').expect(404);
    expect(res.headers['x-request-id']).toBe('lost-1');
  });

  it('carries the request id on a body it could not parse', async () => {
    const res = await request(app.getHttpServer())
      .post('/health')
      .set('X-Request-Id', 'bad-body-1')
      .set('Content-Type', 'application/json')
      .send('{nope')
      .expect(400);
    expect(res.headers['x-request-id']).toBe('bad-body-1');
  });

  it('answers 503 when the store does not answer', async () => {
    jest.spyOn(app.get<EventStore>(EVENT_STORE), 'ping').mockRejectedValue(new Error('connection terminated'));
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    // Like every error, problem+json; the health report rides along as an extension member.
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 503,
      code: 'service_unavailable',
      error: { eventStore: { status: 'down', engine: 'pglite', message: 'connection terminated' } },
    });
  });
});
