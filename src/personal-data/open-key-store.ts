import type { SideStore } from '../database';
import { KeyStore } from './key-store';
import { SqlKeyStore } from './sql-key-store';

/** The key store on whatever the side store is, ready to use. */
export const openKeyStore = async (side: SideStore): Promise<KeyStore> => {
  const keys =
    side.engine === 'sql' ? new SqlKeyStore(side.driver) : new (await import('./mongo-key-store')).MongoKeyStore(side.connection);
  await keys.init();
  return keys;
};
