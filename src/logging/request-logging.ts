import { IncomingMessage, ServerResponse } from 'node:http';
import { Logger as Pino } from 'pino';
import { requestLine, requestLogLevel, requestSummary } from './log-options';

type Logged = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * One line per request when it completes, at the level its status deserves, if that level is on.
 * Nothing more: pino-http, which this replaces, built two child loggers per request (one of them
 * serialising the whole request) whether or not the line was ever written — a tenth of the CPU of
 * a request that does nothing, with the line off as it is in production at `warn`.
 */
export const requestLogger =
  (logger: Pino) =>
  (req: Logged, res: ServerResponse): void => {
    const started = Date.now();
    let logged = false;
    const complete = (error?: unknown) => {
      if (logged) return;
      logged = true;
      const level = requestLogLevel(res.statusCode);
      if (!logger.isLevelEnabled(level)) return;
      const responseTime = Date.now() - started;
      const failed = error !== undefined || res.statusCode >= 500;
      logger[level](
        { requestId: req.id, req: requestSummary(req), res: { statusCode: res.statusCode }, responseTime },
        // A failed answer's line has no duration, as before: its time says nothing about the fault.
        failed ? requestLine(req, res) : requestLine(req, res, responseTime),
      );
    };
    res.once('finish', () => complete());
    // A client that hung up before the answer went out: logged with the status as it stood.
    res.once('close', () => complete());
    res.once('error', complete);
  };
