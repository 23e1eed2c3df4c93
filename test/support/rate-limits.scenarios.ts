import { INestApplication, Logger } from '@nestjs/common';
import { Agent } from 'node:http';
import request from 'supertest';
import { signTestToken } from '../../src/auth/testing';
import { bearer, bootTestApp } from './test-app';

const PROBLEM_JSON = /^application\/problem\+json/;
export const RATE_LIMIT_ENV = { RATE_LIMIT_AUTH_FAILURES: '5', RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW_SECONDS: '60' };

/** A token with a valid shape whose signature is not ours, as a forger would send it. */
export const forgedToken = (n: number) =>
  `Bearer ${signTestToken({ sub: `forger-${n}`, roles: ['admin'], municipality: 'neuss' }, 'a-secret-that-is-not-the-apps-0000000000')}`;

let addresses = 1;

/**
 * Requests from a loopback address of their own (127.0.0.2, 127.0.0.3, …; all of 127/8 reaches this
 * machine): the app counts failed authentications per client address, so each test's address starts
 * from zero in one app, instead of booting a fresh app per test.
 */
const fromOwnAddress = (app: INestApplication) => {
  const agent = new Agent({ localAddress: `127.0.0.${(addresses += 1)}` });
  const server = app.getHttpServer();
  return {
    get: (path: string) => request(server).get(path).agent(agent),
    post: (path: string) => request(server).post(path).agent(agent),
    delete: (path: string) => request(server).delete(path).agent(agent),
  };
};

/** The rate limits end to end: the same behaviour whichever storage counts. */
export const rateLimitsScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;

  // One app for the file: each test counts on an address and subjects of its own, so nothing spills into the next.
  beforeAll(async () => {
    app = await bootTestApp(eventStoreUrl(), undefined, { env: RATE_LIMIT_ENV });
  });
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers 401 to the first 5 forged tokens of an address, then 429 with Retry-After, and logs it once without token or address', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const http = fromOwnAddress(app);
    for (let n = 0; n < 5; n += 1) await http.get('/pathways').set('Authorization', forgedToken(n)).expect(401);
    const refused = await http.get('/pathways').set('Authorization', forgedToken(5)).expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await http.get('/pathways').expect(429);
    // Another address is not refused for this one's failures.
    await fromOwnAddress(app).get('/pathways').set('Authorization', forgedToken(6)).expect(401);
    const lines = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('failed authentications'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/more than 5 failed authentications from one client address within 60 s/);
    expect(lines[0]).not.toMatch(/127\.0\.0\.\d+|::|forger|Bearer|eyJ/);
  });

  it('still lets a valid token through from an address over its limit of failures', async () => {
    const http = fromOwnAddress(app);
    for (let n = 0; n < 6; n += 1) await http.get('/pathways').set('Authorization', forgedToken(n));
    await http.get('/pathways').set('Authorization', forgedToken(7)).expect(429);
    await http
      .get('/pathways')
      .set('Authorization', bearer(['coach'], 'neuss'))
      .expect(200);
  });

  it('counts no failure for a public route or a valid token', async () => {
    const http = fromOwnAddress(app);
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
    const http = fromOwnAddress(app);
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
