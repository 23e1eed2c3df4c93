import { IncomingMessage, ServerResponse } from 'node:http';
import { stdTimeFunctions } from 'pino';
import { Options } from 'pino-http';
import { AppConfig } from '../config';
import { assignRequestId } from './request-id';

/** Credentials a request or response may carry; they never reach the log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * One JSON object per line on stdout, always: log shippers parse it as is, and a developer who
 * wants colours pipes it through `npx pino-pretty`.
 */
export const pinoHttpOptions = (config: AppConfig): Options<IncomingMessage, ServerResponse> => ({
  level: config.LOG_LEVEL,
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  // Normally requestIdMiddleware has set req.id already; this covers an app built without it.
  genReqId: assignRequestId,
  customAttributeKeys: { reqId: 'requestId' },
  // Lines logged while a request is handled carry just its id; the full request is logged once, when it completes.
  quietReqLogger: true,
  customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
});
