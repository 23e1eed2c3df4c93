import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id, set by requestIdMiddleware before anything else runs. */
    id?: string;
  }
}

/**
 * What we accept from a caller: UUIDs, ULIDs, hex and base64 ids and the like. Anything else
 * (spaces, quotes, control characters, very long values) could forge or break log lines.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._~:=+/-]{1,128}$/;

/**
 * Keeps the caller's request id when it is sane so one id follows a request across services,
 * otherwise makes a new one; either way the caller gets it back to quote in a bug report.
 */
export const assignRequestId = (req: IncomingMessage, res: ServerResponse): string => {
  const offered = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
};

/**
 * Runs before everything else, the body parsers included, so that even a request refused for a
 * malformed body answers with its id. The request's log line later names the same `req.id`.
 */
export const requestIdMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
  req.id = assignRequestId(req, res);
  next();
};
