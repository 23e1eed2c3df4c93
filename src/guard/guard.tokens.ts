/** Inject with `@Inject(ELIGIBILITY_TABLES) tables: EligibilityTable[]`: the versions in force, newest last. */
export const ELIGIBILITY_TABLES = Symbol('ELIGIBILITY_TABLES');
