import { INestApplication } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { appWithAuthFixture } from './support/auth-fixture';

const ISSUER = 'https://id.example.org/realms/lotse';
const AUDIENCE = 'lotse-api';
const claims = { roles: ['coach'], municipality: 'neuss' };

const rsaKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const providerKey = rsaKey();
const strangerKey = rsaKey();

const rs256 = (key: KeyObject, kid: string, overrides: { issuer?: string; audience?: string } = {}) =>
  sign(claims, key, {
    algorithm: 'RS256',
    keyid: kid,
    subject: 'coach-1',
    expiresIn: '5m',
    issuer: ISSUER,
    audience: AUDIENCE,
    ...overrides,
  });

describe("authentication with an OIDC provider's JWKS (RS256)", () => {
  let jwks: Server;
  let jwksFetches = 0;
  let app: INestApplication;
  const get = (token: string) => request(app.getHttpServer()).get('/auth-fixture/coaching').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const publicJwk = createPublicKey(providerKey).export({ format: 'jwk' });
    jwks = createServer((_req, res) => {
      jwksFetches++;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: 'provider-1', alg: 'RS256', use: 'sig' }] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    app = await appWithAuthFixture(
      loadConfig({
        EVENT_STORE_URL: 'pglite:memory://',
        LOG_LEVEL: 'silent',
        JWT_JWKS_URL: `http://127.0.0.1:${port}/realms/lotse/protocol/openid-connect/certs`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it("accepts a token signed by the provider's key, fetching the key set once", async () => {
    const res = await get(rs256(providerKey, 'provider-1')).expect(200);
    expect(res.body).toEqual({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' });
    await get(rs256(providerKey, 'provider-1')).expect(200);
    expect(jwksFetches).toBe(1);
  });

  it.each([
    ['signed by another key under its own kid', () => rs256(strangerKey, 'stranger-1'), 'not signed by a key of the identity provider'],
    ["signed by another key under the provider's kid", () => rs256(strangerKey, 'provider-1'), 'invalid signature'],
    ['of another issuer', () => rs256(providerKey, 'provider-1', { issuer: 'https://evil.example.org' }), 'jwt issuer invalid'],
    ['for another audience', () => rs256(providerKey, 'provider-1', { audience: 'some-other-app' }), 'jwt audience invalid'],
    // The classic confusion: a verifier that let the token pick HS256 would check it against the public key.
    [
      'signed HS256 with the public key as secret',
      () =>
        sign(
          { ...claims, sub: 'coach-1', iss: ISSUER, aud: AUDIENCE },
          createPublicKey(providerKey).export({ format: 'pem', type: 'spki' }) as string,
          { algorithm: 'HS256', keyid: 'provider-1', expiresIn: '5m' },
        ),
      'not signed by a key of the identity provider',
    ],
  ])('refuses a token %s with 401, saying why', async (_case, token, reason) => {
    const res = await get(token()).expect(401);
    // Whatever the exception filter makes of the body, the reason is in it.
    expect(JSON.stringify(res.body)).toContain(reason);
  });

  it('does not accept development tokens at the same time', async () => {
    await get(sign({ ...claims, sub: 'coach-1' }, 'a-development-secret-of-32-chars!', { expiresIn: '5m' })).expect(401);
  });
});
