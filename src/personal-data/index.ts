export { PersonalDataModule, MASTER_KEY } from './personal-data.module';
export { PersonalDataVault, ERASED } from './personal-data-vault';
export { decodeMasterKey } from './master-key';
