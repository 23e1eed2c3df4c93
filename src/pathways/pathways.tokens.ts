/** Inject with `@Inject(LEDGER_FOLLOW_UP_POLICY) policy: FollowUpPolicy`; unset, DEFAULT_FOLLOW_UP_POLICY. */
export const LEDGER_FOLLOW_UP_POLICY = Symbol('LEDGER_FOLLOW_UP_POLICY');
