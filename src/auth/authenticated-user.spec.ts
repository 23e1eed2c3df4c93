import { UnauthorizedException } from '@nestjs/common';
import { authenticatedUserFrom } from './authenticated-user';

const exp = 2_000_000_000;
const claims = { sub: 'coach-1', roles: ['coach'], municipality: 'neuss', exp };

const refusal = (payload: Record<string, unknown>): string => {
  try {
    authenticatedUserFrom(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedException);
    return (error as Error).message;
  }
  throw new Error('expected the claims to be refused');
};

describe('the claims of a verified token', () => {
  it('give the user', () => {
    expect(authenticatedUserFrom(claims)).toEqual({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' });
  });

  it('keep the known roles, in the order of ROLES and once each, and drop the others', () => {
    const user = authenticatedUserFrom({ ...claims, roles: ['admin', 'offline_access', 'coach', 'admin', 42] });
    expect(user.roles).toEqual(['coach', 'admin']);
  });

  it.each([
    ['no roles claim', undefined],
    ['a roles claim that is not an array', 'coach'],
    ['only unknown roles', ['uma_authorization']],
  ])('with %s give a user without roles (refused by the role check, not here)', (_case, roles) => {
    expect(authenticatedUserFrom({ ...claims, roles }).roles).toEqual([]);
  });

  it.each([
    ['no sub', { ...claims, sub: undefined }, 'the token names no subject (sub)'],
    ['an empty sub', { ...claims, sub: '  ' }, 'the token names no subject (sub)'],
    ['a numeric sub', { ...claims, sub: 7 }, 'the token names no subject (sub)'],
    ['no municipality', { ...claims, municipality: undefined }, 'the token names no municipality as a lower-case slug (municipality)'],
    [
      'a municipality that is no slug',
      { ...claims, municipality: 'Rhein-Kreis Neuss' },
      'the token names no municipality as a lower-case slug (municipality)',
    ],
    ['no expiry', { ...claims, exp: undefined }, 'the token has no expiry (exp)'],
  ])('with %s are refused as unauthenticated', (_case, payload, message) => {
    expect(refusal(payload)).toBe(message);
  });

  it('accept a municipality slug with hyphens and digits', () => {
    expect(authenticatedUserFrom({ ...claims, municipality: 'rhein-kreis-neuss-2' }).municipality).toBe('rhein-kreis-neuss-2');
  });
});
