/** The process's one pino logger; Nest's logs and the request lines both go through it. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
