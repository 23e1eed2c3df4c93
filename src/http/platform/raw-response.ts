import type { ServerResponse } from 'node:http';
import type { HttpResponse } from './http-types';

/**
 * Node's response, for a route that writes its answer itself (a stream with back-pressure):
 * Fastify stops managing the reply, and the headers set on it so far (CORS, say) are carried
 * over, since Fastify would only have written them with a reply of its own.
 */
export const takeRawResponse = (res: HttpResponse): ServerResponse => {
  const raw = res.raw;
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value !== undefined) raw.setHeader(name, value);
  }
  res.hijack();
  return raw;
};
