import { NestExpressApplication } from '@nestjs/platform-express';
import { screenRequest } from './input-screening/screen-request.middleware';

/** No command carries more than a page of text; a larger body is a mistake or an attack (413). */
export const JSON_BODY_LIMIT = '100kb';

/**
 * The API speaks JSON only, so only the JSON parser is registered (createApp turns Nest's
 * defaults off): a form-encoded body is not parsed into strings that then half-validate.
 * Call it after the request id middleware, so a refused body still answers with its id. The
 * screening right behind the parser refuses what no route accepts before any route runs.
 */
export const useJsonBodyParser = (app: NestExpressApplication): void => {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(screenRequest);
};
