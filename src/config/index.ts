export type { AppConfig, ConfigVariable, ConfigVariableName } from './config-variables';
export { CONFIG_VARIABLES, CONFIG_VARIABLE_LIST, LOG_LEVELS } from './config-variables';
export { ConfigurationError } from './configuration-error';
export { loadConfig } from './load-config';
export { APP_CONFIG, AppConfigModule } from './app-config.module';
