export type { AppConfig, ConfigVariable, ConfigVariableName } from './config-variables';
export { CONFIG_VARIABLES, CONFIG_VARIABLE_LIST, LOG_LEVELS } from './config-variables';
export { ConfigurationError } from './configuration-error';
export { loadConfig } from './load-config';
export { AppConfigModule } from './app-config.module';
export { APP_CONFIG } from './config.tokens';
export { decodeMasterKey, MASTER_KEY_BYTES } from './master-key-parser';
export { parseReadModelUrl } from './read-model-url';
export type { ReadModelLocation } from './read-model-url';
