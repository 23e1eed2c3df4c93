import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@lotse/domain';
import { canonicalJson } from '@lotse/event-store';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Printable ASCII only: the key is stored, logged and hashed into event ids. */
const SANE_KEY = /^[\x20-\x7E]{1,200}$/;

interface KeyedRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: unknown;
}

/** The caller's Idempotency-Key, undefined when none was sent; a malformed one is a 400. */
export const readIdempotencyKey = (req: Pick<KeyedRequest, 'headers'>): string | undefined => {
  const raw = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!SANE_KEY.test(key)) {
    const message = `${IDEMPOTENCY_KEY_HEADER} must be 1 to 200 printable ASCII characters`;
    throw new DomainError('validation_failed', message, { errors: [{ field: IDEMPOTENCY_KEY_HEADER, message }] });
  }
  return key;
};

/** `@IdempotencyKey() key: string | undefined` in a handler, e.g. to derive event ids from it. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined =>
  readIdempotencyKey(context.switchToHttp().getRequest<KeyedRequest>()),
);

/** Keys are per caller: two coaches picking the same key do not see each other's answers. */
export const subjectOf = (req: Pick<KeyedRequest, 'user'>): string => {
  const sub = (req.user as { sub?: unknown } | undefined)?.sub;
  return typeof sub === 'string' && sub !== '' ? sub : 'anonymous';
};

/**
 * What makes two requests "the same" for a key. The body is the parsed JSON, canonicalised, so
 * a client that re-serialises with other spacing or key order is not accused of reusing the key.
 * The query string counts as part of the path.
 */
export const fingerprintOf = (req: Pick<KeyedRequest, 'method' | 'originalUrl' | 'body'>, subject: string): string =>
  createHash('sha256')
    .update(canonicalJson({ method: req.method.toUpperCase(), path: req.originalUrl, body: req.body ?? null, subject }))
    .digest('hex');
