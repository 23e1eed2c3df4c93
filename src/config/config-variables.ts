import { EventStoreLocation, parseEventStoreUrl } from '@lotse/event-store';
import { parseReadModelUrl } from './read-model-url';
import { masterKey } from './master-key-parser';
import { signerKey } from './signing-key-parser';
import {
  autoOr,
  clientId,
  durationInSeconds,
  httpUrl,
  integerBetween,
  oneOf,
  optional,
  originList,
  secretOfAtLeast,
  text,
  UNSET,
} from './parsers';

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
    description:
      'Directory for local state: the embedded database lives here unless EVENT_STORE_URL points elsewhere; unused in the KurrentDB + MongoDB shape with LOTSE_MASTER_KEY and JWT_JWKS_URL set',
    default: './data',
    parse: text,
  }),
  EVENT_STORE_URL: variable<EventStoreLocation>({
    description: 'Where events are stored: `pglite:<dir>` (embedded), `postgres://…?schema=…` or `kurrentdb://…`',
    default: 'pglite:<DATA_DIR>/lotse',
    parse: parseEventStoreUrl,
  }),
  READ_MODEL_URL: variable({
    description:
      "Where read models (caseload, timelines, careers) are kept: `pglite:<dir>`, `postgres://…?schema=…` or `mongodb://…/<database>`; unset, in the event store's own database (beside KurrentDB: the embedded one in <DATA_DIR>/lotse). Beside KurrentDB, a mongodb:// URL also takes the side stores (participant keys, idempotency records, matching keys)",
    default: UNSET,
    parse: optional(parseReadModelUrl),
  }),
  LOG_LEVEL: variable({
    description: `Lowest level written to the JSON log: ${LOG_LEVELS.join(', ')}`,
    default: 'info',
    parse: oneOf(LOG_LEVELS),
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    description:
      'After SIGTERM/SIGINT, how long in-flight requests may run before their connections are cut (and, after that, how long closing the stores may take)',
    default: '10000',
    parse: integerBetween(0, 600_000),
  }),
  STARTUP_TIMEOUT_MS: variable({
    description:
      'At start, how long to keep trying to reach a PostgreSQL event store that does not answer yet (with growing pauses) before giving up',
    default: '30000',
    parse: integerBetween(0, 600_000),
  }),
  WEB_CONCURRENCY: variable({
    description:
      'HTTP processes to run (a cluster: one primary that forks them, restarts a crashed one and stops them all on SIGTERM); `auto`: one per core on a server database (PostgreSQL, or KurrentDB with MongoDB read models), one per core less one (at least 1) when such a server runs on this machine (localhost, a loopback address or a Unix socket), 1 on the embedded PGlite, which only one process may open',
    default: 'auto',
    parse: autoOr(integerBetween(1, 64)),
  }),
  PROJECTIONS: variable({
    description:
      'Where the read models are fed from the log: `inline` on the request thread of every HTTP process (one leads per projection); `worker` in one worker thread (of the primary when WEB_CONCURRENCY is above 1), so no request thread folds events; `off`: not in this deployment (another instance feeds them); `auto`: `worker` when WEB_CONCURRENCY is above 1, else `inline`',
    default: 'auto',
    parse: oneOf(['auto', 'inline', 'worker', 'off']),
  }),
  JWT_JWKS_URL: variable({
    description:
      'JWKS of the OIDC provider whose RS256 tokens the API accepts (production); unset, the API accepts HS256 development tokens instead',
    default: UNSET,
    parse: optional(httpUrl),
  }),
  JWT_ISSUER: variable({
    description: 'Required `iss` of RS256 tokens; must be set with JWT_JWKS_URL',
    default: UNSET,
    parse: optional(text),
  }),
  JWT_AUDIENCE: variable({
    description: "Required `aud` of RS256 tokens (this API's client id at the provider); must be set with JWT_JWKS_URL",
    default: UNSET,
    parse: optional(text),
  }),
  JWT_MAX_LIFETIME: variable({
    // A stolen token is worth as long as it lives; a work day is enough for any session.
    description:
      'Longest lifetime (`exp - iat`) of a token the API accepts, e.g. `12h`, `30m`; longer ones and tokens without `iat` are refused 401, and `npm run token` signs none longer',
    default: '12h',
    parse: durationInSeconds,
  }),
  JWT_SECRET: variable({
    // Below 32 characters an HS256 key is guessable offline from any one token.
    description:
      'HS256 secret of development tokens, at least 32 characters; unset, the first start generates one in <DATA_DIR>/jwt.secret',
    default: UNSET,
    parse: optional(secretOfAtLeast(32)),
  }),
  STATISTICS_PAGE_CLIENT_ID: variable({
    description:
      'Client id of the statistics page (`GET /statistics`) at the OIDC provider: a public client with the authorization code flow and PKCE, redirecting to `<origin>/statistics`; used only with JWT_JWKS_URL, whose JWT_ISSUER the page signs in at',
    default: 'lotse-web',
    parse: clientId,
  }),
  CORS_ORIGINS: variable({
    description:
      'Comma-separated web origins (`https://app.example.org`) whose browser scripts may call the API; unset, no CORS headers at all',
    default: UNSET,
    parse: optional(originList),
  }),
  RATE_LIMIT_WINDOW_SECONDS: variable({
    description: 'Length of the fixed window the rate limits count in',
    default: '60',
    parse: integerBetween(1, 86_400),
  }),
  RATE_LIMIT_AUTH_FAILURES: variable({
    description:
      'Failed authentications (401) one client address may cause per window; beyond, 429 `too_many_requests`; 0 turns the limit off',
    default: '50',
    parse: integerBetween(0, 1_000_000),
  }),
  RATE_LIMIT_WRITES: variable({
    description:
      'Writes (POST, DELETE) one subject (token `sub`) may send per window; beyond, 429 `too_many_requests`; 0 turns the limit off',
    default: '600',
    parse: integerBetween(0, 1_000_000),
  }),
  REQUEST_TIMEOUT_MS: variable({
    description:
      'How long a client may take to send a whole request (headers and body); then 408 and the connection is closed. Headers must arrive within 10 s or this, if less',
    default: '30000',
    parse: integerBetween(100, 600_000),
  }),
  KEEP_ALIVE_TIMEOUT_MS: variable({
    description: "How long an idle keep-alive connection stays open; behind a load balancer, set it above the balancer's idle timeout",
    default: '5000',
    parse: integerBetween(100, 600_000),
  }),
  ELIGIBILITY_TABLE_FILE: variable({
    description:
      "JSON file with further versions of the eligibility table (one table or an array), validated at start; the built-in NRW table always applies until a newer version's validFrom",
    default: UNSET,
    parse: optional(text),
  }),
  STATISTICS_MIN_CELL: variable({
    description:
      "k of the statistics' disclosure control: counts from 1 to k−1 are suppressed (`*`), from 3 (the Federal Employment Agency's standard minimum) to 20",
    default: '5',
    parse: integerBetween(3, 20),
  }),
  LOTSE_MASTER_KEY: variable({
    description:
      "Master key (32 bytes, base64; e.g. `openssl rand -base64 32`) that wraps every participant's data key; unset, the first start generates one in <DATA_DIR>/master.key. Set it in production and keep it outside the database",
    default: UNSET,
    parse: optional(masterKey),
  }),
  LOTSE_SIGNING_KEY: variable({
    description:
      "Ed25519 key that signs the audit log's checkpoints, in the signed-note signer form `PRIVATE+KEY+<origin>+<key hash>+<base64>` (`npm run --silent audit -- keygen <origin>` writes one); its name is the log's origin line. Unset, the first start generates one in <DATA_DIR>/signing.key. Set it in production and keep it outside the database",
    default: UNSET,
    parse: optional(signerKey),
  }),
  AUDIT_CHECKPOINT_EVENTS: variable({
    description: 'The audit log signs a checkpoint of its Merkle tree at least after this many new events…',
    default: '1000',
    parse: integerBetween(1, 10_000_000),
  }),
  AUDIT_CHECKPOINT_SECONDS: variable({
    description: '…or this many seconds after the last checkpoint, when events came in since',
    default: '60',
    parse: integerBetween(1, 86_400),
  }),
  AUDIT_VERIFY_INTERVAL_SECONDS: variable({
    description:
      'How often the background check re-verifies the newest events of the log (chains, tree, latest checkpoint); a failure counts in `lotse_audit_verification_failures` and turns /health down',
    default: '30',
    parse: integerBetween(1, 86_400),
  }),
  ACCESS_LOG_RETENTION_DAYS: variable({
    description:
      'Days an entry of the access log (who read whose data) is kept; older entries are purged once a day and the purge itself is recorded',
    default: '365',
    parse: integerBetween(1, 36_500),
  }),
};

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;

/** The validated configuration, keyed by variable name so a reader always knows where a value came from. */
export type AppConfig = {
  readonly [Name in ConfigVariableName]: ReturnType<(typeof CONFIG_VARIABLES)[Name]['parse']>;
};

/** The variables as rows, for the README table and for `--help`-style listings. */
export const CONFIG_VARIABLE_LIST: ReadonlyArray<{ name: ConfigVariableName; description: string; default: string }> = (
  Object.keys(CONFIG_VARIABLES) as ConfigVariableName[]
).map((name) => ({
  name,
  description: CONFIG_VARIABLES[name].description,
  default: CONFIG_VARIABLES[name].default,
}));
