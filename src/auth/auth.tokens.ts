/** Inject with `@Inject(JWT_STRATEGY_OPTIONS) options: JwtStrategyOptions`: how tokens are verified, from the configuration. */
export const JWT_STRATEGY_OPTIONS = Symbol('JWT_STRATEGY_OPTIONS');
