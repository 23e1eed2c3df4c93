import { createSecretKey } from 'node:crypto';
import { ExtractJwt, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { AppConfig, ConfigurationError } from '../config';
import { developmentSecret } from './jwt-secret';
import { jwksKeyProvider } from './jwks-key-provider';
import { CLOCK_TOLERANCE_SECONDS } from './token-lifetime';

export interface JwtStrategyOptions {
  options: StrategyOptionsWithoutRequest;
  /** One line for the start-up log: which tokens this process accepts. */
  description: string;
  /** JWT_MAX_LIFETIME: the longest `exp - iat` accepted. */
  maxLifetimeSeconds: number;
}

/**
 * RS256 tokens of the OIDC provider when JWT_JWKS_URL is set, HS256 development tokens otherwise;
 * never both, and each mode pins its one algorithm so that a token cannot choose how it is checked.
 */
export const jwtStrategyOptions = (config: AppConfig): JwtStrategyOptions => {
  const jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
  const jsonWebTokenOptions = { clockTolerance: CLOCK_TOLERANCE_SECONDS };

  if (config.JWT_JWKS_URL) {
    // A provider signs tokens for all of its clients with the same keys: without issuer and
    // audience, a token issued to any other application would open this API.
    const missing = (['JWT_ISSUER', 'JWT_AUDIENCE'] as const).filter((name) => !config[name]);
    if (missing.length > 0) {
      throw new ConfigurationError(missing.map((variable) => ({ variable, message: 'must be set when JWT_JWKS_URL is' })));
    }
    return {
      options: {
        jwtFromRequest,
        secretOrKeyProvider: jwksKeyProvider(config.JWT_JWKS_URL),
        algorithms: ['RS256'],
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        jsonWebTokenOptions,
      },
      description: `accepting RS256 tokens of ${config.JWT_ISSUER} for ${config.JWT_AUDIENCE}, keys from ${config.JWT_JWKS_URL}`,
      maxLifetimeSeconds: config.JWT_MAX_LIFETIME,
    };
  }

  const { secret, from, created } = developmentSecret(config);
  return {
    // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key on every request.
    options: {
      jwtFromRequest,
      secretOrKey: createSecretKey(Buffer.from(secret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      jsonWebTokenOptions,
    },
    description: `accepting HS256 development tokens signed with ${created ? `a new secret written to ${from}` : `the secret of ${from}`}`,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME,
  };
};
