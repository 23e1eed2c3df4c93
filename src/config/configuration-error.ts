/** One or more environment variables are malformed; the message names each of them. */
export class ConfigurationError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(problems.map((p) => `${p.variable}: ${p.message}`).join('; '));
    this.name = 'ConfigurationError';
  }

  get variables(): string[] {
    return this.problems.map((p) => p.variable);
  }
}
