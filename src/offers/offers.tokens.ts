/** Inject with `@Inject(PLACE_FOLLOW_UP_POLICY) policy: FollowUpPolicy`; unset, DEFAULT_FOLLOW_UP_POLICY. */
export const PLACE_FOLLOW_UP_POLICY = Symbol('PLACE_FOLLOW_UP_POLICY');
