import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerOptions, stdTimeFunctions } from 'pino';
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
type SerializedRequest = Record<string, unknown> & { method?: unknown; url?: unknown };

/**
 * The request as logged: its method and path, never its query string nor its headers. A query may
 * carry a token sent as `?access_token=…` by a careless client, or search terms with a name; the
 * path names only resources, by their ids. Headers made each line ~900 bytes and said nothing an
 * operator needs; the request id is logged beside it.
 */
export const requestSummary = (req: SerializedRequest): { method?: unknown; url?: unknown } => ({
  method: req.method,
  url: typeof req.url === 'string' ? req.url.split('?')[0] : req.url,
});

// Express sets originalUrl; `url` loses the mount path inside a router.
const pathOf = (req: IncomingMessage & { originalUrl?: string }): string => (req.originalUrl ?? req.url ?? '').split('?')[0];

const requestLine = (req: IncomingMessage, res: ServerResponse, responseTime?: number): string =>
  `${req.method} ${pathOf(req)} ${res.statusCode}${responseTime === undefined ? '' : ` ${Math.round(responseTime)} ms`}`;

/**
 * The level of a request's line. A 500 is a fault to look into; other 5xx (503 while a read model
 * catches up, the database away) and every 4xx are answers the service meant to give.
 */
export const requestLogLevel = (statusCode: number): 'error' | 'warn' | 'info' =>
  statusCode === 500 ? 'error' : statusCode >= 500 ? 'warn' : 'info';

/** One short line per request: `GET /pathways/… 200 12 ms`, with its request id, whatever the format. */
export const pinoHttpOptions = (): Options<IncomingMessage, ServerResponse> => ({
  serializers: { req: requestSummary, res: (res: { statusCode?: unknown }) => ({ statusCode: res.statusCode }) },
  // Normally requestIdMiddleware has set req.id already; this covers an app built without it.
  genReqId: assignRequestId,
  customAttributeKeys: { reqId: 'requestId' },
  // Lines logged while a request is handled carry just its id; the request is logged once, when it completes.
  quietReqLogger: true,
  customLogLevel: (_req, res) => requestLogLevel(res.statusCode),
  customSuccessMessage: (req, res, responseTime) => requestLine(req, res, responseTime),
  // Typed without the response time, though pino-http passes it; the line has `responseTime` anyway.
  customErrorMessage: (req, res) => requestLine(req, res),
  // pino-http makes up an Error with a stack for every 5xx; a fault's real stack is logged by the
  // exception filter, and a 503 has none worth showing.
  customErrorObject: (_req, _res, _error, { err: _err, ...line }: Record<string, unknown>) => line,
});

/** The process's one pino logger: JSON lines, or readable lines on a terminal (see logDestination). */
export const pinoOptions = (config: AppConfig): LoggerOptions => ({
  level: config.LOG_LEVEL,
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
});
