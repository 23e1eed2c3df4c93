import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { assertJsonBody } from './input-screening/media-type';

/** No command carries more than a page of text; a larger body is a mistake or an attack (413). */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;
/** The same limit in words, for messages and documentation. */
export const JSON_BODY_LIMIT = '100kb';

/**
 * A body declared larger than the limit is refused from its headers alone, before a byte of it
 * is read. The connection is closed after the answer: the unread body must never be taken for
 * the next request.
 */
export const refuseDeclaredOversizeBody = (req: IncomingMessage, res: ServerResponse): void => {
  const declared = req.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > JSON_BODY_LIMIT_BYTES) {
    res.setHeader('Connection', 'close');
    throw new PayloadTooLargeException(`the request body may be at most ${JSON_BODY_LIMIT}; ${declared} bytes were announced`);
  }
};

/** A body that is not JSON, or not the object or array a JSON API takes at its top. */
export class MalformedJsonBodyException extends BadRequestException {
  constructor(reason: string) {
    super(`the request body is not valid JSON: ${reason}`);
  }
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The API speaks JSON only, so this is the one parser (the platform runs it for every body):
 * another media type is refused with 415 rather than parsed into strings that then
 * half-validate, and so is JSON in a charset other than UTF-8. Strict like body-parser's was:
 * the top level is an object or an array; an empty body is an empty object.
 */
export const parseJsonBody = (headers: IncomingHttpHeaders, text: string): unknown => {
  assertJsonBody(headers);
  const charset = CHARSET.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException({ code: 'unsupported_media_type', message: `a JSON body must be UTF-8, not ${charset}` });
  }
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new MalformedJsonBodyException(`it must start with { or [, not ${first}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedJsonBodyException(error instanceof Error ? error.message : String(error));
  }
};
