/** Inject with `@Inject(MASTER_KEY) masterKey: Buffer`; other keys are derived from it, never stored. */
export const MASTER_KEY = Symbol('MASTER_KEY');
/** Inject with `@Inject(KEY_STORE) keys: KeyStore`: where the participants' wrapped keys live. */
export const KEY_STORE = Symbol('KEY_STORE');
