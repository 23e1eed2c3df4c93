/** Inject with `@Inject(SQL_DRIVER) sql: SqlDriver`. */
export const SQL_DRIVER = Symbol('SQL_DRIVER');
