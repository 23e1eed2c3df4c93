import { ConfigurationError } from '../config';
import { oneLineError } from './one-line-error';

/**
 * Ends a start that cannot succeed with exactly one line on stderr and exit code 1: whoever runs
 * the process (a terminal, systemd, Kubernetes) shows that line, and a stack trace would bury it.
 */
export const exitOnStartupFailure = (error: unknown): never => {
  const kind = error instanceof ConfigurationError ? 'configuration error' : 'startup failed';
  process.stderr.write(`${kind}: ${oneLineError(error)}\n`);
  process.exit(1);
};
