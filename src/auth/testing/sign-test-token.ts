import { signDevelopmentToken, TokenClaims } from '../development-token';

/**
 * A token the app accepts when it runs with `JWT_SECRET: secret`, for end-to-end tests:
 * `signTestToken({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' }, SECRET)`.
 * `expiresIn` in seconds or as `1h`; negative seconds give an expired token.
 */
export const signTestToken = (claims: TokenClaims, secret: string, { expiresIn = '1h' }: { expiresIn?: number | string } = {}): string =>
  signDevelopmentToken(claims, secret, expiresIn);
