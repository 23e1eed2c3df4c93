export { PersonalDataModule } from './personal-data.module';
export { MASTER_KEY } from './personal-data.tokens';
export { PersonalDataVault, ERASED } from './personal-data-vault';
export { UnsealError } from './sealing';
export { openPersonalData } from './personal-data';
export type { PersonalData } from './personal-data';
export { PersonalDataView } from './personal-data.view';
export type { KeyStore } from './key-store';
