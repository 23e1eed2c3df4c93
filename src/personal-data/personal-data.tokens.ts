/** Inject with `@Inject(MASTER_KEY) masterKey: Buffer`; other keys are derived from it, never stored. */
export const MASTER_KEY = Symbol('MASTER_KEY');
