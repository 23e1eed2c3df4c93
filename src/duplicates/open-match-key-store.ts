import type { SideStore } from '../database';
import { MatchKeyStore } from './match-key-store';
import { SqlMatchKeyStore } from './sql-match-key-store';

/** The matching keys and pairs on whatever the side store is, ready to use. */
export const openMatchKeyStore = async (side: SideStore): Promise<MatchKeyStore> => {
  const store =
    side.engine === 'sql'
      ? new SqlMatchKeyStore(side.driver)
      : new (await import('./mongo-match-key-store')).MongoMatchKeyStore(side.connection);
  await store.init();
  return store;
};
