import { UnauthorizedException } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { loadConfig } from '../config';
import { signDevelopmentToken } from './development-token';
import { JwtStrategy } from './jwt.strategy';
import { jwtStrategyOptions } from './jwt-strategy-options';
import { tokenRejection } from './token-rejection';

const SECRET = 'a-development-secret-of-32-chars!';
const claims = { sub: 'coach-1', roles: ['coach'], municipality: 'neuss' };

type Outcome = { user: unknown } | { rejected: string } | { error: unknown };

/** Runs the strategy as passport would, on a request with this Authorization header. */
const authenticate = (authorization?: string): Promise<Outcome> => {
  const strategy = Object.create(new JwtStrategy(jwtStrategyOptions(loadConfig({ JWT_SECRET: SECRET }))));
  return new Promise((resolve) => {
    strategy.success = (user: unknown) => resolve({ user });
    strategy.fail = (info: unknown) => resolve({ rejected: tokenRejection(info).reason });
    strategy.error = (error: unknown) => resolve({ error });
    strategy.authenticate({ headers: authorization === undefined ? {} : { authorization } });
  });
};

describe('the JWT strategy with JWT_SECRET (HS256)', () => {
  it('accepts a token signed with the secret and gives the user', async () => {
    expect(await authenticate(`Bearer ${signDevelopmentToken(claims, SECRET, '5m')}`)).toEqual({
      user: { sub: 'coach-1', roles: ['coach'], municipality: 'neuss' },
    });
  });

  it.each([
    ['no Authorization header', undefined, 'a bearer token is required'],
    ['another scheme', 'Basic Y29hY2g6c2VjcmV0', 'a bearer token is required'],
    ['a malformed token', 'Bearer not.a.jwt', 'the token is invalid: invalid token'],
    ['an expired token', `Bearer ${signDevelopmentToken(claims, SECRET, -3600)}`, 'the token has expired'],
    [
      'a token signed with another secret',
      `Bearer ${signDevelopmentToken(claims, 'another-secret-of-at-least-32-chars', '5m')}`,
      'the token is invalid: invalid signature',
    ],
    [
      'an unsigned token',
      `Bearer ${sign({ ...claims }, '', { algorithm: 'none', expiresIn: '5m' })}`,
      'the token is invalid: jwt signature is required',
    ],
    [
      'an HS384 token',
      `Bearer ${sign({ ...claims }, SECRET, { algorithm: 'HS384', expiresIn: '5m' })}`,
      'the token is invalid: invalid algorithm',
    ],
  ])('rejects %s', async (_case, authorization, reason) => {
    expect(await authenticate(authorization)).toEqual({ rejected: reason });
  });

  it('tolerates a few seconds of clock drift, not more', async () => {
    const justExpired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, SECRET);
    const longExpired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET);
    expect(await authenticate(`Bearer ${justExpired}`)).toHaveProperty('user');
    expect(await authenticate(`Bearer ${longExpired}`)).toEqual({ rejected: 'the token has expired' });
  });

  it.each([
    ['sub', { roles: ['coach'], municipality: 'neuss' }],
    ['municipality', { sub: 'coach-1', roles: ['coach'] }],
  ])('refuses a valid signature without %s as unauthenticated', async (_claim, payload) => {
    const outcome = await authenticate(`Bearer ${sign(payload, SECRET, { expiresIn: '5m' })}`);
    expect(outcome).toEqual({ error: expect.any(UnauthorizedException) });
  });

  describe('with the default JWT_MAX_LIFETIME of 12h', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const refusalOf = async (payload: Record<string, unknown>): Promise<string> => {
      const outcome = await authenticate(`Bearer ${sign(payload, SECRET, { noTimestamp: !('iat' in payload) })}`);
      expect(outcome).toEqual({ error: expect.any(UnauthorizedException) });
      return (outcome as { error: Error }).error.message;
    };

    it('accepts a token that lives exactly 12h', async () => {
      expect(await authenticate(`Bearer ${sign({ ...claims, iat: now(), exp: now() + 12 * 3600 }, SECRET)}`)).toHaveProperty('user');
    });

    it('refuses a token whose exp lies a century ahead', async () => {
      expect(await refusalOf({ ...claims, iat: now(), exp: now() + 100 * 365 * 86_400 })).toBe(
        'the token lives longer than the 43200 s this API accepts (exp - iat)',
      );
    });

    it('refuses a token that lives one second too long', async () => {
      expect(await refusalOf({ ...claims, iat: now(), exp: now() + 12 * 3600 + 1 })).toMatch(/lives longer/);
    });

    it('refuses a token without iat, whose lifetime nobody can tell', async () => {
      expect(await refusalOf({ ...claims, exp: now() + 60 })).toBe('the token has no issue time (iat)');
    });

    it('refuses a token issued in the future, which would carry its exp along', async () => {
      expect(await refusalOf({ ...claims, iat: now() + 100 * 365 * 86_400, exp: now() + 100 * 365 * 86_400 + 60 })).toBe(
        'the token was issued in the future (iat)',
      );
    });
  });

  it('refuses a token that never expires', async () => {
    expect(await authenticate(`Bearer ${sign(claims, SECRET)}`)).toEqual({ error: expect.any(UnauthorizedException) });
  });
});

describe('the JWT strategy options with JWT_JWKS_URL', () => {
  it('insist on issuer and audience, naming both variables', () => {
    expect(() => jwtStrategyOptions(loadConfig({ JWT_JWKS_URL: 'https://id.example.org/certs' }))).toThrow(
      'JWT_ISSUER: must be set when JWT_JWKS_URL is; JWT_AUDIENCE: must be set when JWT_JWKS_URL is',
    );
  });

  it('pin RS256 and check issuer and audience', () => {
    const { options } = jwtStrategyOptions(
      loadConfig({
        JWT_JWKS_URL: 'https://id.example.org/certs',
        JWT_ISSUER: 'https://id.example.org',
        JWT_AUDIENCE: 'lotse-api',
      }),
    );
    expect(options).toMatchObject({ algorithms: ['RS256'], issuer: 'https://id.example.org', audience: 'lotse-api' });
  });
});
