export { DatabaseModule, SQL_DRIVER } from './database.module';
export type { SqlDriver } from '@lotse/event-store';
