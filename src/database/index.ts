export { DatabaseModule, SQL_DRIVER } from './database.module';
export { SIDE_STORE } from './side-store';
export type { SideStore } from './side-store';
export type { SqlDriver } from '@lotse/event-store';
