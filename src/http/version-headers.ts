import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import type { HeaderSink } from './platform/http-types';

/**
 * The stream version is the entity tag: strong, because one version is one exact state.
 * A client sends it back as `If-Match` to say "only if nobody changed it since".
 */
export const setVersionHeaders = (res: HeaderSink, version: number): void => {
  res.header('ETag', `"${version}"`);
};

// `"3"`, `W/"3"` or a bare `3`; the bare and weak forms are not RFC 9110 but clients send them.
const ENTITY_TAG = /^(?:W\/)?(?:"(0|[1-9]\d*)"|(0|[1-9]\d*))$/;

/**
 * The version an `If-Match` header asks for; undefined when it is absent or `*` (any version
 * will do). One that cannot name a version is refused, not ignored: ignoring it would turn a
 * guarded write into an unguarded one.
 */
export const parseIfMatch = (header: string | readonly string[] | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const value = (typeof header === 'string' ? header : header.join(',')).trim();
  if (value === '*') return undefined;
  const match = ENTITY_TAG.exec(value);
  const version = match ? Number(match[1] ?? match[2]) : NaN;
  if (!Number.isSafeInteger(version)) {
    const message = 'If-Match must be one entity tag as this API sent it in ETag, e.g. "3", or *';
    throw new DomainError('validation_failed', message, { errors: [{ field: 'If-Match', message }] });
  }
  return version;
};

/** `@IfMatch() ifMatch: number | undefined` in a handler: the parsed `If-Match` header. */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined =>
  parseIfMatch(context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match']),
);
