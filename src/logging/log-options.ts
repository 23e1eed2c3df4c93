import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerOptions, stdTimeFunctions } from 'pino';
import { AppConfig } from '../config';

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

/** The request as the line shows it. */
type SummarisedRequest = IncomingMessage & { originalUrl?: string };

// A framework's request may carry originalUrl (the path before any mount point); Node's own has url only.
const pathOf = (req: SummarisedRequest): string => (req.originalUrl ?? req.url ?? '').split('?')[0];

/**
 * The request as logged: its method and path, never its query string nor its headers. A query may
 * carry a token sent as `?access_token=…` by a careless client, or search terms with a name; the
 * path names only resources, by their ids. Headers made each line ~900 bytes and said nothing an
 * operator needs; the request id is logged beside it.
 */
export const requestSummary = (req: SummarisedRequest): { method?: string; url: string } => ({ method: req.method, url: pathOf(req) });

/** `GET /pathways/… 200 12 ms`: the line's message. */
export const requestLine = (req: SummarisedRequest, res: ServerResponse, responseTime?: number): string =>
  `${req.method} ${pathOf(req)} ${res.statusCode}${responseTime === undefined ? '' : ` ${Math.round(responseTime)} ms`}`;

/**
 * The level of a request's line. A 500 is a fault to look into; other 5xx (503 while a read model
 * catches up, the database away) and every 4xx are answers the service meant to give.
 */
export const requestLogLevel = (statusCode: number): 'error' | 'warn' | 'info' =>
  statusCode === 500 ? 'error' : statusCode >= 500 ? 'warn' : 'info';

/** The process's one pino logger: JSON lines, or readable lines on a terminal (see logDestination). */
export const pinoOptions = (config: AppConfig): LoggerOptions => ({
  level: config.LOG_LEVEL,
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
});
