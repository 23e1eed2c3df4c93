import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.-]+\+)?json$/;

/** A body is on its way when it has a length above zero or comes chunked. */
const carriesBody = (headers: IncomingHttpHeaders): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * The API reads JSON only. A body of another type would reach the handler as no body at all and
 * be refused for missing fields, which hides the real mistake; 415 names it.
 */
export const assertJsonBody = (headers: IncomingHttpHeaders): void => {
  if (!carriesBody(headers)) return;
  const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) return;
  throw new UnsupportedMediaTypeException({
    code: 'unsupported_media_type',
    message: `a request body must be application/json${mediaType ? `, not ${mediaType}` : '; Content-Type is missing'}`,
  });
};
