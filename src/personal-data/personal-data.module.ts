import { Global, Module } from '@nestjs/common';
import { SqlDriver } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from '../database';
import { loadMasterKey } from './master-key';
import { PersonalDataVault } from './personal-data-vault';
import { SqlKeyStore } from './sql-key-store';

@Global()
@Module({
  providers: [{
    provide: PersonalDataVault,
    inject: [APP_CONFIG, SQL_DRIVER],
    useFactory: async (config: AppConfig, sql: SqlDriver) => {
      const keys = new SqlKeyStore(sql);
      await keys.init();
      return new PersonalDataVault(keys, loadMasterKey(config.LOTSE_MASTER_KEY, config.DATA_DIR));
    },
  }],
  exports: [PersonalDataVault],
})
export class PersonalDataModule {}
