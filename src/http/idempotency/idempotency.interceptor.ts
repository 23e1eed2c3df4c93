import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeAll, mergeMap, Observable, of } from 'rxjs';
import { DomainError } from '@lotse/domain';
import { toProblem } from '../error-to-problem';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { fingerprintOf, readIdempotencyKey, subjectOf } from './idempotency-key';
import { IdempotencyStore, StoredResponse } from './idempotency-store';
import type { HttpRequest, HttpResponse } from '../platform/http-types';

/** The writes a retry could repeat. GET, HEAD and PUT are idempotent by themselves. */
const GUARDED_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'DELETE']);

/** What a replay needs besides status and body: the new version and where the resource lives. */
const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Failures that may pass on their own; storing them would make the retry fail forever. */
const TRANSIENT_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 429]);

/**
 * Idempotency-Key on every write: the first request with a key runs, its answer is stored, and
 * a retry with the same key and request gets that answer again without running the handler.
 * Global interceptors run after the global guards, so `req.user` (the key's owner) is known.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  /**
   * Synchronous where there is no key: a promise here made the interceptor chain wrap every answer
   * in two more observables and a merge, although most writes carry no key.
   */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<HttpRequest & { user?: unknown }>();
    if (!GUARDED_METHODS.has(req.method)) return next.handle();
    const key = readIdempotencyKey(req);
    if (key === undefined) return next.handle();
    return from(this.interceptWithKey(req, context.switchToHttp().getResponse<HttpResponse>(), key, next)).pipe(mergeAll());
  }

  private async interceptWithKey(
    req: HttpRequest & { user?: unknown },
    res: HttpResponse,
    key: string,
    next: CallHandler,
  ): Promise<Observable<unknown>> {
    const subject = subjectOf(req);
    const fingerprint = fingerprintOf(req, subject);
    const claim = await this.store.claim(subject, key, fingerprint);
    if (!claim.claimed) {
      if (claim.fingerprint !== fingerprint) {
        throw new DomainError(
          'idempotency_key_reused',
          'this Idempotency-Key was used for a different request; use a new key for a new request',
        );
      }
      if (claim.response === undefined) {
        res.header('Retry-After', '1');
        throw new DomainError('request_in_progress', 'a request with this Idempotency-Key is still being handled; retry shortly');
      }
      return of(replay(res, claim.response));
    }

    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.remember(subject, key, { status: res.statusCode, headers: replayedHeaders(res), body });
        return body;
      }),
      catchError((error: unknown) => from(this.settleFailure(subject, key, req, error))),
    );
  }

  /** A 4xx is the answer to this request and is kept; a 5xx may pass, so the key is freed for the retry. */
  private async settleFailure(subject: string, key: string, req: HttpRequest, error: unknown): Promise<never> {
    const { status, problem } = toProblem(error, req);
    if (status < 500 && !TRANSIENT_CLIENT_STATUSES.has(status)) {
      await this.remember(subject, key, { status, headers: { 'content-type': PROBLEM_CONTENT_TYPE }, body: problem });
    } else {
      await this.forget(subject, key);
    }
    throw error;
  }

  /**
   * Stored before the answer leaves, so a client that retries the moment it has it finds the
   * record completed. If storing fails the work is done anyway; the record is dropped so a retry
   * runs again, which the event ids derived from the key make harmless.
   */
  private async remember(subject: string, key: string, response: StoredResponse): Promise<void> {
    try {
      await this.store.complete(subject, key, response);
    } catch (error) {
      this.logger.warn({ err: error, subject, key }, 'could not store the answer for an Idempotency-Key');
      await this.forget(subject, key);
    }
  }

  private async forget(subject: string, key: string): Promise<void> {
    await this.store
      .release(subject, key)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, subject, key }, 'could not release an Idempotency-Key; it blocks retries until it is abandoned'),
      );
  }
}

const replayedHeaders = (res: HttpResponse): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
};

/** Nest sends the returned body as usual; a stored Content-Type (problem+json) is kept by res.json. */
const replay = (res: HttpResponse, stored: StoredResponse): unknown => {
  res.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) res.header(name, value);
  res.header(REPLAYED_HEADER, 'true');
  return stored.body ?? undefined;
};
