/** Inject with `@Inject(ACCESS_LOG_STORE) store: AccessLogStore`: where the access log is kept. */
export const ACCESS_LOG_STORE = Symbol('ACCESS_LOG_STORE');
