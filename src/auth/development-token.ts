import { sign, SignOptions } from 'jsonwebtoken';

export interface TokenClaims {
  sub: string;
  /** Strings, not only known roles, so that tests can show what happens to unknown ones. */
  roles: readonly string[];
  municipality: string;
}

/**
 * An HS256 token as the app accepts it without JWT_JWKS_URL. `expiresIn` is seconds or a span
 * such as `8h`, `30m`, `7d`; a negative number of seconds gives an expired token.
 */
export const signDevelopmentToken = (claims: TokenClaims, secret: string, expiresIn: number | string): string =>
  sign({ roles: claims.roles, municipality: claims.municipality }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    // jsonwebtoken reads a bare number string as milliseconds ("60" → 60 ms); seconds are meant.
    expiresIn: typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : (expiresIn as SignOptions['expiresIn']),
  });
