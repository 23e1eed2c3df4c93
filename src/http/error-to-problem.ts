import { HttpException } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { isConnectionLost, WrongExpectedVersionError } from '@lotse/event-store';
import { codeOfHttpStatus, statusOfCode, statusOfDomainError } from './error-statuses';
import { Problem, problemTitle, problemType, STANDARD_MEMBERS } from './problem';

/** The little of a request a problem mentions; `id` is the X-Request-Id the platform assigned. */
export interface ProblemRequest {
  originalUrl?: string;
  url?: string;
  id?: unknown;
}

export interface ProblemAnswer {
  status: number;
  problem: Problem;
  /** Not an answer the code meant to give: it is logged, and its message never reaches the client. */
  unexpected: boolean;
}

const UNEXPECTED_DETAIL = 'The server failed to handle the request. Quote the request id when reporting it.';
const STORE_UNAVAILABLE_DETAIL =
  'The database cannot be reached right now; nothing was stored unless a retry with the same Idempotency-Key says so. Try again shortly.';
/** A PostgreSQL restart takes a second or two; asking much sooner only adds load while it comes back. */
const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * Turns whatever was thrown into the problem the client gets. Pure, so the exception filter and
 * the idempotency interceptor (which stores the answer for replays) build the same body.
 */
export const toProblem = (error: unknown, req: ProblemRequest): ProblemAnswer => {
  const { status, code, detail, extensions = {}, unexpected = false } = classify(error);
  const problem: Problem = {
    type: problemType(code),
    title: problemTitle(code),
    status,
    code,
    detail,
    // The path only: a query string may carry search terms with personal data.
    instance: (req.originalUrl ?? req.url ?? '').split('?')[0],
  };
  if (typeof req.id === 'string' || typeof req.id === 'number') problem.requestId = String(req.id);
  for (const [name, value] of Object.entries(extensions)) {
    if (!STANDARD_MEMBERS.has(name) && value !== undefined) problem[name] = value;
  }
  // A client handles every 400 the same way, by its `errors`; what names no field (a body that is
  // not JSON, a pipe of Nest's own) is about the request as a whole: field ''.
  if (status === 400 && !Array.isArray(problem.errors)) problem.errors = [{ field: '', message: detail }];
  return { status, problem, unexpected };
};

interface Classified {
  status: number;
  code: string;
  detail: string;
  extensions?: Record<string, unknown>;
  unexpected?: boolean;
}

const classify = (error: unknown): Classified => {
  if (error instanceof DomainError) {
    return { status: statusOfDomainError(error), code: error.code, detail: error.message, extensions: error.details };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  // The CommandRunner retries these; one that escapes is still a lost race, not a fault.
  if (error instanceof WrongExpectedVersionError) {
    return { status: 409, code: 'version_conflict', detail: 'the resource was changed by another request; read it again and retry' };
  }
  // The database went away (restart, failover, network): nothing is wrong with the request, and
  // the pool reconnects by itself, so the client is told to come back rather than that we failed.
  if (isConnectionLost(error)) {
    return {
      status: statusOfCode('store_unavailable'),
      code: 'store_unavailable',
      detail: STORE_UNAVAILABLE_DETAIL,
      extensions: { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
    };
  }
  return { status: 500, code: 'internal_error', detail: UNEXPECTED_DETAIL, unexpected: true };
};

/** Guards, unknown routes, the body parser and Fastify's own refusals (which Nest wraps in HttpExceptions) end up here. */
const fromHttpException = (error: HttpException): Classified => {
  const status = error.getStatus();
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  // A guard may name a finer code (`new UnauthorizedException({ code: 'token_expired', message })`).
  const code = typeof body.code === 'string' && /^[a-z][a-z0-9_]*$/.test(body.code) ? body.code : codeOfHttpStatus(status);
  const message = typeof response === 'string' ? response : body.message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  // Whatever else the exception carries stays, as extension members: e.g. the health check's
  // report of which dependency is down. Nest's own `statusCode`/`error` only repeat the status.
  const { statusCode: _statusCode, error: nestError, message: _message, code: _code, ...extensions } = body;
  if (typeof nestError !== 'string' && nestError !== undefined) extensions.error = nestError;
  return { status, code, detail, extensions };
};
