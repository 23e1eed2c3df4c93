import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH } from '../openapi/set-up-openapi';

const CACHEABLE = new RegExp(`^/(?:${OPENAPI_UI_PATH}|${OPENAPI_JSON_PATH})(?:[/.?]|$)`);

/**
 * `Cache-Control: no-store` on every answer but the API's own documentation: answers name
 * participants and cases, and no proxy or browser cache may keep them (GDPR Art. 32). Set before
 * anything runs, so that problems, guards' refusals and replays carry it too.
 */
export const noStore = (req: IncomingMessage, res: ServerResponse): void => {
  if (!CACHEABLE.test(req.url ?? '')) res.setHeader('Cache-Control', 'no-store');
};
