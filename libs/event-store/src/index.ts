export * from './event-store';
export * from './errors';
export * from './upcasters';
export * from './canonical-json';
export * from './hash-chain';
export * from './event-store-url';
export * from './create-event-store';
export { SqlEventStore } from './sql/sql-event-store';
export { eventColumns } from './sql/schema';
export { toStoredEvent } from './sql/event-row';
export type { EventRow } from './sql/event-row';
export type { LogCursor } from './subscription';
export type { SqlDriver, SqlTransaction } from './sql/sql-driver';
export { isConnectionLost } from './sql/sql-driver';
export { PgliteDriver } from './pglite/pglite-driver';
export { acquirePglite, releasePglite, EmbeddedDatabaseInUseError } from './pglite/pglite-database';
export { PostgresDriver } from './postgres/postgres-driver';
// Type only: the adapter itself loads when an EVENT_STORE_URL names KurrentDB (create-event-store.ts).
export type { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
