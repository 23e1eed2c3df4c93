import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import type { HttpRequest, HttpResponse } from './platform/http-types';

/**
 * A read whose answer carries an ETag answers 304 without a body when `If-None-Match` names it
 * (RFC 9110 §13.1.2, weak comparison). Fastify does not compare them at all (Express did, but
 * not for a request with `Cache-Control: no-cache`, which every fetch() client adds to one with
 * If-None-Match), so the comparison is made here, as the origin server must whatever the caching directives.
 */
@Injectable()
export class ConditionalGetInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<HttpResponse>();
    if (req.method !== 'GET' || req.headers['if-none-match'] === undefined) return next.handle();
    return next.handle().pipe(
      map((body: unknown) => {
        const etag = res.getHeader('ETag');
        if (typeof etag !== 'string' || !noneMatchNames(req.headers['if-none-match'], etag)) return body;
        res.status(304);
        return undefined;
      }),
    );
  }
}

const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');

/** Whether `If-None-Match` (`*` or a list of entity tags) names `etag`. */
export const noneMatchNames = (header: string | string[] | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => opaque(tag) === opaque(etag));
};
