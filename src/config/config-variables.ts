import { EventStoreLocation, parseEventStoreUrl } from '@lotse/event-store';
import { parseReadModelUrl } from '../read-models/read-model-location';
import { masterKey } from './master-key-parser';
import { httpUrl, integerBetween, oneOf, optional, secretOfAtLeast, text, UNSET } from './parsers';

export interface ConfigVariable<Value> {
  description: string;
  /**
   * Used when the variable is unset or empty, and shown as is in the README.
   * `<NAME>` stands for the value of another variable listed above this one.
   */
  default: string;
  /** Turns the raw text into the value the application uses; throws a one-line message when it cannot. */
  parse: (raw: string) => Value;
}

const variable = <Value>(definition: ConfigVariable<Value>): ConfigVariable<Value> => definition;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable Lotse reads, in one place. A later feature adds its variables here
 * (JWT_SECRET, READ_MODEL_URL, …); loading, validation and the README table follow from this list.
 */
export const CONFIG_VARIABLES = {
  PORT: variable({
    description: 'TCP port the HTTP API listens on',
    default: '3000',
    parse: integerBetween(1, 65_535),
  }),
  DATA_DIR: variable({
    description: 'Directory for local state: the embedded database lives here unless EVENT_STORE_URL points elsewhere',
    default: './data',
    parse: text,
  }),
  EVENT_STORE_URL: variable<EventStoreLocation>({
    description: 'Where events are stored: `pglite:<dir>` (embedded), `postgres://…?schema=…` or `kurrentdb://…`',
    default: 'pglite:<DATA_DIR>/lotse',
    parse: parseEventStoreUrl,
  }),
  READ_MODEL_URL: variable({
    description: 'Where read models (caseload, timelines, careers) are kept: `pglite:<dir>`, `postgres://…?schema=…` or `mongodb://…/<database>`; unset, in the event store\'s own database (beside KurrentDB: the embedded one in <DATA_DIR>/lotse)',
    default: UNSET,
    parse: optional(parseReadModelUrl),
  }),
  LOG_LEVEL: variable({
    description: `Lowest level written to the JSON log: ${LOG_LEVELS.join(', ')}`,
    default: 'info',
    parse: oneOf(LOG_LEVELS),
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    description: 'After SIGTERM/SIGINT, how long in-flight requests may run before their connections are cut (and, after that, how long closing the stores may take)',
    default: '10000',
    parse: integerBetween(0, 600_000),
  }),
  STARTUP_TIMEOUT_MS: variable({
    description: 'At start, how long to keep trying to reach a PostgreSQL event store that does not answer yet (with growing pauses) before giving up',
    default: '30000',
    parse: integerBetween(0, 600_000),
  }),
  JWT_JWKS_URL: variable({
    description: 'JWKS of the OIDC provider whose RS256 tokens the API accepts (production); unset, the API accepts HS256 development tokens instead',
    default: UNSET,
    parse: optional(httpUrl),
  }),
  JWT_ISSUER: variable({
    description: 'Required `iss` of RS256 tokens; must be set with JWT_JWKS_URL',
    default: UNSET,
    parse: optional(text),
  }),
  JWT_AUDIENCE: variable({
    description: 'Required `aud` of RS256 tokens (this API\'s client id at the provider); must be set with JWT_JWKS_URL',
    default: UNSET,
    parse: optional(text),
  }),
  JWT_SECRET: variable({
    // Below 32 characters an HS256 key is guessable offline from any one token.
    description: 'HS256 secret of development tokens, at least 32 characters; unset, the first start generates one in <DATA_DIR>/jwt.secret',
    default: UNSET,
    parse: optional(secretOfAtLeast(32)),
  }),
  ELIGIBILITY_TABLE_FILE: variable({
    description: 'JSON file with further versions of the eligibility table (one table or an array), validated at start; the built-in NRW table always applies until a newer version\'s validFrom',
    default: UNSET,
    parse: optional(text),
  }),
  LOTSE_MASTER_KEY: variable({
    description: 'Master key (32 bytes, base64; e.g. `openssl rand -base64 32`) that wraps every participant\'s data key; unset, the first start generates one in <DATA_DIR>/master.key. Set it in production and keep it outside the database',
    default: UNSET,
    parse: optional(masterKey),
  }),
};

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;

/** The validated configuration, keyed by variable name so a reader always knows where a value came from. */
export type AppConfig = {
  readonly [Name in ConfigVariableName]: ReturnType<(typeof CONFIG_VARIABLES)[Name]['parse']>;
};

/** The variables as rows, for the README table and for `--help`-style listings. */
export const CONFIG_VARIABLE_LIST: ReadonlyArray<{ name: ConfigVariableName; description: string; default: string }> =
  (Object.keys(CONFIG_VARIABLES) as ConfigVariableName[]).map((name) => ({
    name,
    description: CONFIG_VARIABLES[name].description,
    default: CONFIG_VARIABLES[name].default,
  }));
