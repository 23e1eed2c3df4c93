import { AppConfig, CONFIG_VARIABLES, ConfigVariableName } from './config-variables';
import { ConfigurationError } from './configuration-error';
import { processModelProblems } from './process-model';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every variable at once, so a bad start names all the bad values together.
 * An empty value counts as unset: `PORT=` in a compose file means "the default", not "port zero".
 */
export const loadConfig = (env: Environment = process.env): AppConfig => {
  const raw = new Map<ConfigVariableName, string>();
  const config: Partial<Record<ConfigVariableName, unknown>> = {};
  const problems: { variable: string; message: string }[] = [];

  for (const name of Object.keys(CONFIG_VARIABLES) as ConfigVariableName[]) {
    const definition = CONFIG_VARIABLES[name];
    const given = env[name]?.trim();
    const value = given ? given : withReferences(definition.default, raw);
    raw.set(name, value);
    try {
      config[name] = definition.parse(value);
    } catch (error) {
      problems.push({ variable: name, message: (error as Error).message });
    }
  }

  if (problems.length === 0) problems.push(...processModelProblems(config as AppConfig));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config as AppConfig;
};

/** Fills `<NAME>` in a default with the raw value that variable ended up with. */
const withReferences = (template: string, raw: ReadonlyMap<ConfigVariableName, string>): string =>
  template.replace(/<([A-Z][A-Z0-9_]*)>/g, (placeholder, name: ConfigVariableName) => raw.get(name) ?? placeholder);
