import { JsonWebTokenError } from 'jsonwebtoken';
import { passportJwtSecret } from 'jwks-rsa';
import { SecretOrKeyProvider } from 'passport-jwt';

/**
 * The public key for an RS256 token, from the identity provider's JWKS. Keys are cached, since
 * every request needs one; a token with an unknown `kid` makes jwks-rsa fetch the set again (that
 * is how a key rotation arrives), so fetches are rate limited or forged tokens would flood the provider.
 */
export const jwksKeyProvider = (jwksUri: string): SecretOrKeyProvider => {
  const publicKeyFor = passportJwtSecret({
    jwksUri,
    cache: true,
    cacheMaxEntries: 10,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5_000,
  });
  // jwks-rsa answers "no key" without an error for an unknown kid or a non-RSA algorithm, which
  // jsonwebtoken would then report as a missing key of ours; the caller should hear the real reason.
  return (request, rawJwtToken, done) =>
    publicKeyFor(request, rawJwtToken, (error, key) => {
      if (error) done(error);
      else if (!key) done(new JsonWebTokenError('not signed by a key of the identity provider'));
      else done(null, key);
    });
};
