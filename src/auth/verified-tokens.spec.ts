import { AuthenticatedUser } from './authenticated-user';
import { expiryOf, VERIFIED_TOKEN_TTL_MS, VerifiedTokens } from './verified-tokens';

const user: AuthenticatedUser = { sub: 'coach-1', roles: ['coach'], municipality: 'neuss' };

describe('VerifiedTokens', () => {
  let now = 1_000_000_000_000;
  const tokens = new VerifiedTokens(() => now);

  it('gives the user of a remembered token until its exp, then forgets it', () => {
    tokens.remember('a.b.c', user, now / 1000 + 30);
    expect(tokens.get('a.b.c')).toBe(user);
    now += 29_999;
    expect(tokens.get('a.b.c')).toBe(user);
    now += 1;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('verifies a long-lived token again after the TTL', () => {
    tokens.remember('d.e.f', user, now / 1000 + 3600);
    now += VERIFIED_TOKEN_TTL_MS;
    expect(tokens.get('d.e.f')).toBeUndefined();
  });

  it('knows no token it was not told, not even one that differs in the signature only', () => {
    tokens.remember('g.h.i', user, now / 1000 + 30);
    expect(tokens.get('g.h.j')).toBeUndefined();
  });

  it('does not remember a token that has already expired', () => {
    tokens.remember('k.l.m', user, now / 1000 - 1);
    expect(tokens.get('k.l.m')).toBeUndefined();
  });
});

describe('expiryOf', () => {
  const token = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

  it('reads exp from the payload', () => expect(expiryOf(token({ exp: 1234 }))).toBe(1234));
  it('is undefined without a numeric exp or a payload', () => {
    expect(expiryOf(token({ exp: '1234' }))).toBeUndefined();
    expect(expiryOf('nonsense')).toBeUndefined();
  });
});
