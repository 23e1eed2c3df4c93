export { DatabaseModule } from './database.module';
export { SQL_DRIVER } from './database.tokens';
export type { SqlDriver } from '@lotse/event-store';
