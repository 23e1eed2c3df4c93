import { JsonWebTokenError, NotBeforeError, TokenExpiredError } from 'jsonwebtoken';

/**
 * Why passport-jwt turned a request away, as a sentence for the caller. The reasons jsonwebtoken
 * gives (bad signature, wrong audience, malformed) name nothing secret and save an integrator a
 * guessing game. Anything else is our side failing (the JWKS endpoint unreachable): the caller
 * hears only that, and `unexpected` tells the guard to log it.
 */
export const tokenRejection = (info: unknown): { reason: string; unexpected: boolean } => {
  if (info instanceof TokenExpiredError) return { reason: 'the token has expired', unexpected: false };
  if (info instanceof NotBeforeError) return { reason: 'the token is not valid yet', unexpected: false };
  if (info instanceof JsonWebTokenError) return { reason: `the token is invalid: ${info.message}`, unexpected: false };
  // passport-jwt's own words when the Authorization header carries no bearer token.
  if (info === undefined || (info instanceof Error && info.message === 'No auth token')) {
    return { reason: 'a bearer token is required', unexpected: false };
  }
  return { reason: 'the token could not be verified', unexpected: true };
};
