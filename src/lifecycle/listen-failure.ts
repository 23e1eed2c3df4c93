import { ConfigurationError } from '../config';

/**
 * What to change when the port cannot be taken. Node's own `listen EADDRINUSE: address already
 * in use :::3000` names neither the variable nor the remedy; everything else passes unchanged.
 */
export const explainListenFailure = (error: unknown, port: number): unknown => {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new ConfigurationError([{ variable: 'PORT', message: `port ${port} is in use by another process; set PORT to a free port` }]);
  }
  if (code === 'EACCES') {
    return new ConfigurationError([
      { variable: 'PORT', message: `port ${port} needs privileges this process lacks; set PORT to 1024 or above` },
    ]);
  }
  return error;
};
