/**
 * `npm run --silent token -- --role coach --municipality neuss --sub coach-1 [--expires-in 8h]`
 * prints one HS256 development token and nothing else, so that `TOKEN=$(npm run --silent token …)`
 * works. It signs with the secret the app uses (JWT_SECRET, or <DATA_DIR>/jwt.secret, created here
 * if the app has not run yet). `--role` may be repeated or comma-separated.
 *
 * It loads only the config loader and the signer, never Nest: it is meant to answer at once.
 */
import { parseArgs } from 'node:util';
import { ROLES } from '@lotse/domain';
import { signDevelopmentToken } from '../src/auth/development-token';
import { developmentSecret } from '../src/auth/jwt-secret';
import { isMunicipalitySlug } from '../src/auth/municipality-slug';
import { loadConfig } from '../src/config/load-config';
import { durationInSeconds } from '../src/config/parsers';

const USAGE = 'usage: npm run --silent token -- --role coach[,admin…] --municipality <slug> --sub <id> [--expires-in 8h]';

class UsageError extends Error {}

const readArguments = (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', multiple: true, default: [] },
      municipality: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
    },
  });
  const roles = [
    ...new Set(
      values.role
        .flatMap((role) => role.split(','))
        .map((role) => role.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0) throw new UsageError(`--role is required (${ROLES.join(', ')})`);
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  if (!values.municipality || !isMunicipalitySlug(values.municipality)) {
    throw new UsageError('--municipality must be a lower-case slug such as neuss or rhein-kreis-neuss');
  }
  if (!values.sub?.trim()) throw new UsageError('--sub is required');
  let expiresInSeconds: number;
  try {
    expiresInSeconds = durationInSeconds(values['expires-in']);
  } catch (error) {
    throw new UsageError(`--expires-in ${(error as Error).message}`);
  }
  return { claims: { sub: values.sub, roles, municipality: values.municipality }, expiresInSeconds };
};

const main = (): void => {
  const { claims, expiresInSeconds } = readArguments(process.argv.slice(2));
  const config = loadConfig(process.env);
  if (config.JWT_JWKS_URL) {
    throw new Error('JWT_JWKS_URL is set, so the API accepts only tokens of the identity provider; ask it for one');
  }
  // The API would refuse such a token anyway; better to say so here than with a 401 later.
  if (expiresInSeconds > config.JWT_MAX_LIFETIME) {
    throw new UsageError(`--expires-in is longer than JWT_MAX_LIFETIME (${config.JWT_MAX_LIFETIME} s), which the API would refuse`);
  }
  process.stdout.write(`${signDevelopmentToken(claims, developmentSecret(config).secret, expiresInSeconds)}\n`);
};

try {
  main();
} catch (error) {
  const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`token: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
  process.exitCode = usage ? 2 : 1;
}
