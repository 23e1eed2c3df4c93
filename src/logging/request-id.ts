import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id, chosen before anything else runs (chooseRequestId). */
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
 * otherwise makes a new one. Chosen once per request (the HTTP platform asks as the request
 * arrives, so its own request object carries the same id) and kept on `req.id`.
 */
export const chooseRequestId = (req: IncomingMessage): string => {
  if (req.id !== undefined) return req.id;
  const offered = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  req.id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
  return req.id;
};

/**
 * Runs before everything else, the body parser included, so that even a request refused for a
 * malformed body answers with its id: the caller gets it back to quote in a bug report, and the
 * request's log line names the same `req.id`.
 */
export const assignRequestId = (req: IncomingMessage, res: ServerResponse): string => {
  const id = chooseRequestId(req);
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
};
