export * from './projection';
export * from './read-model-store';
export * from './leader-election';
export * from './log-order';
export * from './projection-runner';
export * from './rebuild';
export { SqlReadModelStore } from './sql/sql-read-model-store';
export { SqlLogOrder } from './sql/sql-log-order';
export { PostgresLeaderElection } from './postgres/postgres-leader-election';
