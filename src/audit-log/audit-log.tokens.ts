/** Inject with `@Inject(MERKLE_TREE_STORE) tree: MerkleTreeStore`. */
export const MERKLE_TREE_STORE = Symbol('MERKLE_TREE_STORE');

/** Inject with `@Inject(AUDIT_SIGNER) signer: NoteSigner`: the checkpoint signing key. */
export const AUDIT_SIGNER = Symbol('AUDIT_SIGNER');

/**
 * Inject with `@Inject(EXPORT_ACCESS_RECORDER) recorder: ExportAccessRecorder`: told of every export
 * of the log, so that the access log ("who read what") can record it. The default records nothing.
 */
export const EXPORT_ACCESS_RECORDER = Symbol('EXPORT_ACCESS_RECORDER');

/** Inject with `@Inject(AUDIT_SQL) sql: SqlDriver`: the SQL database that holds the events and the tree. */
export const AUDIT_SQL = Symbol('AUDIT_SQL');
