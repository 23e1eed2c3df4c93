import { Module } from '@nestjs/common';
import { SqlDriver } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from '../database';
import { loadMasterKey } from './master-key';
import { PersonalDataVault } from './personal-data-vault';
import { MASTER_KEY } from './personal-data.tokens';
import { SqlKeyStore } from './sql-key-store';

/** The vault that seals personal data with a key per participant; imported by the contexts that seal or open it. */
@Module({
  providers: [
    { provide: MASTER_KEY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadMasterKey(config.LOTSE_MASTER_KEY, config.DATA_DIR) },
    {
      provide: PersonalDataVault,
      inject: [MASTER_KEY, SQL_DRIVER],
      useFactory: async (masterKey: Buffer, sql: SqlDriver) => {
        const keys = new SqlKeyStore(sql);
        await keys.init();
        return new PersonalDataVault(keys, masterKey);
      },
    },
  ],
  exports: [PersonalDataVault, MASTER_KEY],
})
export class PersonalDataModule {}
