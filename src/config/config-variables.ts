import { EventStoreLocation, parseEventStoreUrl } from '@lotse/event-store';
import { integerBetween, oneOf, text } from './parsers';

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
