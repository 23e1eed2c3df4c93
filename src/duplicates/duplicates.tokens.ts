/** Inject with `@Inject(MATCH_KEY_STORE) store: MatchKeyStore`: the matching keys and the pairs found. */
export const MATCH_KEY_STORE = Symbol('MATCH_KEY_STORE');
