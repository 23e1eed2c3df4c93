export { DatabaseModule } from './database.module';
export { SIDE_STORE, SQL_DRIVER } from './database.tokens';
export type { SideStore } from './side-store';
export type { SqlDriver } from '@lotse/event-store';
