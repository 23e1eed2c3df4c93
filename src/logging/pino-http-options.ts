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
  // Carries the query string of the page the caller came from.
  'req.headers.referer',
];

/** What pino's standard request serializer makes of a request (the raw one rides along, hidden). */
type SerializedRequest = Record<string, unknown> & { url?: unknown; query?: unknown };

/**
 * The request as logged: its path, never its query string. A query may carry a token sent as
 * `?access_token=…` by a careless client, or search terms with a name; the path names only
 * resources, by their ids.
 */
export const withoutQuery = (req: SerializedRequest): SerializedRequest => {
  const { query: _query, ...rest } = req;
  return typeof rest.url === 'string' ? { ...rest, url: rest.url.split('?')[0] } : rest;
};

/**
 * One JSON object per line on stdout, always: log shippers parse it as is, and a developer who
 * wants colours pipes it through `npx pino-pretty`.
 */
export const pinoHttpOptions = (config: AppConfig): Options<IncomingMessage, ServerResponse> => ({
  level: config.LOG_LEVEL,
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  serializers: { req: withoutQuery },
  // Normally requestIdMiddleware has set req.id already; this covers an app built without it.
  genReqId: assignRequestId,
  customAttributeKeys: { reqId: 'requestId' },
  // Lines logged while a request is handled carry just its id; the full request is logged once, when it completes.
  quietReqLogger: true,
  customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
});
