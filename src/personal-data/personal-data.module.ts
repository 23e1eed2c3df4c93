import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { SIDE_STORE, SideStore } from '../database';
import { KeyStore } from './key-store';
import { loadMasterKey } from './master-key';
import { openKeyStore } from './open-key-store';
import { PersonalDataVault } from './personal-data-vault';
import { KEY_STORE, MASTER_KEY } from './personal-data.tokens';

/** The vault that seals personal data with a key per participant; imported by the contexts that seal or open it. */
@Module({
  providers: [
    {
      provide: MASTER_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadMasterKey(config.LOTSE_MASTER_KEY, config.DATA_DIR),
    },
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
