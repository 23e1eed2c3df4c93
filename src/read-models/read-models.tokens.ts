/** Inject with `@Inject(READ_MODEL_STORE) store: ReadModelStore`. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
/** The ReadModelBackend opened for this process (store, election, log order). */
export const READ_MODEL_BACKEND = Symbol('READ_MODEL_BACKEND');
/** The application's projections, given to ReadModelsModule.forRoot. */
export const APPLICATION_PROJECTIONS = Symbol('APPLICATION_PROJECTIONS');
/** The projections this process runs: the application's and any EXTRA_PROJECTIONS. */
export const ALL_PROJECTIONS = Symbol('ALL_PROJECTIONS');
/** Further projections a test (or a later feature) provides, e.g. one that fails on purpose. */
export const EXTRA_PROJECTIONS = Symbol('EXTRA_PROJECTIONS');
/** The ProjectionsView of this process: the ProjectionRunner itself, or FollowedProjections when it runs elsewhere. */
export const PROJECTIONS_VIEW = Symbol('PROJECTIONS_VIEW');
/** Whether this process follows projections run elsewhere (true) or runs them itself. */
export const FOLLOWS_PROJECTIONS = Symbol('FOLLOWS_PROJECTIONS');
