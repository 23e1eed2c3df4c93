import { INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { signTestToken } from '../../src/auth/testing';
import { bearer, bootTestApp } from './test-app';

const PROBLEM_JSON = /^application\/problem\+json/;
export const RATE_LIMIT_ENV = { RATE_LIMIT_AUTH_FAILURES: '5', RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW_SECONDS: '60' };

/** A token with a valid shape whose signature is not ours, as a forger would send it. */
export const forgedToken = (n: number) =>
  `Bearer ${signTestToken({ sub: `forger-${n}`, roles: ['admin'], municipality: 'neuss' }, 'a-secret-that-is-not-the-apps-0000000000')}`;

/** The rate limits end to end: the same behaviour whichever storage counts. */
export const rateLimitsScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;

  // A fresh app per test: the counts of one test must not spill into the next.
  beforeEach(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, { env: RATE_LIMIT_ENV });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  it('answers 401 to the first 5 forged tokens of an address, then 429 with Retry-After, and logs it once without token or address', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const http = request(app.getHttpServer());
    for (let n = 0; n < 5; n += 1) await http.get('/pathways').set('Authorization', forgedToken(n)).expect(401);
    const refused = await http.get('/pathways').set('Authorization', forgedToken(5)).expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await http.get('/pathways').expect(429);
    const lines = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('failed authentications'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/more than 5 failed authentications from one client address within 60 s/);
    expect(lines[0]).not.toMatch(/127\.0\.0\.1|::1|forger|Bearer|eyJ/);
  });

  it('still lets a valid token through from an address over its limit of failures', async () => {
    const http = request(app.getHttpServer());
    for (let n = 0; n < 6; n += 1) await http.get('/pathways').set('Authorization', forgedToken(n));
    await http.get('/pathways').set('Authorization', forgedToken(7)).expect(429);
    await http
      .get('/pathways')
      .set('Authorization', bearer(['coach'], 'neuss'))
      .expect(200);
  });

  it('counts no failure for a public route or a valid token', async () => {
    const http = request(app.getHttpServer());
    for (let n = 0; n < 8; n += 1) {
      await http.get('/health').expect(200);
      await http
        .get('/pathways')
        .set('Authorization', bearer(['coach'], 'neuss'))
        .expect(200);
    }
    await http.get('/pathways').set('Authorization', forgedToken(0)).expect(401);
  });

  it('allows a subject 3 writes per window, then 429; other subjects and reads go on', async () => {
    const http = request(app.getHttpServer());
    const coach = bearer(['coach'], 'neuss', 'coach-busy');
    // Invalid bodies are refused after the limit is counted: a write is a write.
    for (let n = 0; n < 3; n += 1) await http.post('/pathways').set('Authorization', coach).send({}).expect(400);
    const refused = await http.post('/pathways').set('Authorization', coach).send({}).expect(429);
    expect(refused.body).toMatchObject({ code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await http
      .delete('/participants/00000000-0000-4000-8000-000000000000/personal-data')
      .set('Authorization', bearer(['admin'], 'neuss', 'coach-busy'))
      .expect(429);
    await http.get('/pathways').set('Authorization', coach).expect(200);
    await http
      .post('/pathways')
      .set('Authorization', bearer(['coach'], 'neuss', 'coach-calm'))
      .send({})
      .expect(400);
  });
};
