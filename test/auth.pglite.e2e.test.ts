import { INestApplication } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { signTestToken } from '../src/auth/testing';
import { loadConfig } from '../src/config';
import { appWithAuthFixture } from './support/auth-fixture';

const JWT_SECRET = 'e2e-secret-that-is-at-least-32-characters';
const coach = { sub: 'coach-1', roles: ['coach'], municipality: 'neuss' };

describe('authentication and roles (HS256 with JWT_SECRET, pglite:memory://)', () => {
  let app: INestApplication;
  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  beforeAll(async () => {
    app = await appWithAuthFixture(loadConfig({ EVENT_STORE_URL: 'pglite:memory://', LOG_LEVEL: 'silent', JWT_SECRET }));
  });
  afterAll(() => app.close());

  describe('given no valid token', () => {
    it.each([
      ['no token', undefined],
      ['a malformed token', 'not-a-jwt'],
      ['an expired token', signTestToken(coach, JWT_SECRET, { expiresIn: -3600 })],
      ['a token with the wrong signature', signTestToken(coach, 'some-other-secret-with-32-characters!!')],
      ['a token without sub', sign({ roles: ['coach'], municipality: 'neuss' }, JWT_SECRET, { expiresIn: '1h' })],
      ['a token without municipality', sign({ roles: ['coach'] }, JWT_SECRET, { subject: 'coach-1', expiresIn: '1h' })],
    ])('when it sends %s, then 401', async (_case, token) => {
      await get('/auth-fixture/coaching', token).expect(401);
    });
  });

  describe('given a valid token', () => {
    it('when the role fits, then 200 and the handler sees the user', async () => {
      const res = await get('/auth-fixture/coaching', signTestToken(coach, JWT_SECRET)).expect(200);
      expect(res.body).toEqual({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' });
    });

    it('when another listed role fits (admin), then 200', async () => {
      await get('/auth-fixture/coaching', signTestToken({ ...coach, roles: ['admin'] }, JWT_SECRET)).expect(200);
    });

    it('when the role does not fit, then 403', async () => {
      await get('/auth-fixture/coaching', signTestToken({ ...coach, roles: ['coordinator'] }, JWT_SECRET)).expect(403);
    });

    it('when it carries no known role, then 403', async () => {
      await get('/auth-fixture/coaching', signTestToken({ ...coach, roles: ['offline_access'] }, JWT_SECRET)).expect(403);
    });

    it('when the route declares no @Roles, then 403 even for an admin', async () => {
      await get('/auth-fixture/undeclared', signTestToken({ ...coach, roles: ['admin'] }, JWT_SECRET)).expect(403);
    });
  });

  it('/health stays public', async () => {
    await get('/health').expect(200);
  });

  it('an unknown route is still 404, not 401', async () => {
    await get('/no-such-route').expect(404);
  });
});
