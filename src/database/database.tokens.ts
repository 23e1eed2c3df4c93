/** Inject with `@Inject(SIDE_STORE) side: SideStore`; each context picks its adapter from it. */
export const SIDE_STORE = Symbol('SIDE_STORE');

/**
 * Inject with `@Inject(SQL_DRIVER) sql: SqlDriver | undefined`: the relational database beside
 * the events, undefined in the KurrentDB + MongoDB shape, which has none.
 */
export const SQL_DRIVER = Symbol('SQL_DRIVER');
