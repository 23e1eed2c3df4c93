import { PayloadTooLargeException } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { screenRequest } from './input-screening/screen-request.middleware';
import type { NextFunction, Request, Response } from 'express';

/** No command carries more than a page of text; a larger body is a mistake or an attack (413). */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;
/** The same limit as body-parser writes it, for messages and documentation. */
export const JSON_BODY_LIMIT = '100kb';

/**
 * A body declared larger than the limit is refused from its headers alone. body-parser would
 * refuse it too, but only after reading it to the end (to keep the connection reusable), so a
 * declared 10 GB upload held a connection for as long as the sender liked. The connection is
 * closed after the answer instead: the unread body must never be taken for the next request.
 */
export const refuseDeclaredOversizeBody = (req: Request, res: Response, next: NextFunction): void => {
  const declared = req.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > JSON_BODY_LIMIT_BYTES) {
    res.setHeader('Connection', 'close');
    next(new PayloadTooLargeException(`the request body may be at most ${JSON_BODY_LIMIT}; ${declared} bytes were announced`));
    return;
  }
  next();
};

/**
 * The API speaks JSON only, so only the JSON parser is registered (createApp turns Nest's
 * defaults off): a form-encoded body is not parsed into strings that then half-validate.
 * Call it after the request id middleware, so a refused body still answers with its id. The
 * screening right behind the parser refuses what no route accepts before any route runs.
 */
export const useJsonBodyParser = (app: NestExpressApplication): void => {
  app.use(refuseDeclaredOversizeBody);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use(screenRequest);
};
