/** Inject with `@Inject(READ_MODEL_STORE) store: ReadModelStore`. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
/** The ReadModelBackend opened for this process (store, election, log order). */
export const READ_MODEL_BACKEND = Symbol('READ_MODEL_BACKEND');
/** The projections this process runs: PROJECTIONS and any EXTRA_PROJECTIONS. */
export const ALL_PROJECTIONS = Symbol('ALL_PROJECTIONS');
