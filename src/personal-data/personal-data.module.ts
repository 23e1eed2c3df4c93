import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { SIDE_STORE, SideStore } from '../database';
import { KEY_STORE, KeyStore } from './key-store';
import { loadMasterKey } from './master-key';
import { openKeyStore } from './open-key-store';
import { PersonalDataVault } from './personal-data-vault';

/** Inject with `@Inject(MASTER_KEY) masterKey: Buffer`; other keys are derived from it, never stored. */
export const MASTER_KEY = Symbol('MASTER_KEY');

@Global()
@Module({
  providers: [
    { provide: MASTER_KEY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadMasterKey(config.LOTSE_MASTER_KEY, config.DATA_DIR) },
    { provide: KEY_STORE, inject: [SIDE_STORE], useFactory: (side: SideStore) => openKeyStore(side) },
    {
      provide: PersonalDataVault,
      inject: [KEY_STORE, MASTER_KEY],
      useFactory: (keys: KeyStore, masterKey: Buffer) => new PersonalDataVault(keys, masterKey),
    },
  ],
  exports: [PersonalDataVault, MASTER_KEY],
})
export class PersonalDataModule {}
