// The HTTP conventions every route shares. Routes import from '../http'.
export { HttpApiModule } from './http-api.module';
export { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
export { ConditionalGetInterceptor } from './conditional-get.interceptor';
export { InterceptorChain } from './interceptor-chain';

// The HTTP platform (Fastify): only src/http/platform knows it; routes use these types.
export type { HeaderSink, HttpRequest, HttpResponse } from './platform/http-types';
export { routePatternOf } from './platform/http-types';
export { createHttpAdapter } from './platform/fastify-adapter';
export { beforeEveryHandler, beforeEveryRequest } from './platform/request-steps';
export type { ParsedRequest, RequestStep } from './platform/request-steps';
export { parseEveryBodyWith } from './platform/body-parser';
export { takeRawResponse } from './platform/raw-response';

// Errors: throw DomainError; the filter answers problem+json with the status from the table.
export {
  DOMAIN_ERROR_STATUSES,
  HTTP_STATUS_CODES,
  UNKNOWN_DOMAIN_ERROR_STATUS,
  codeOfHttpStatus,
  statusOfDomainError,
} from './error-statuses';
export { PROBLEM_CONTENT_TYPE, problemTitle, problemType } from './problem';
export type { FieldError, Problem } from './problem';
export { toProblem } from './error-to-problem';
export type { ProblemAnswer } from './error-to-problem';
export { ProblemDetailsFilter } from './problem-details.filter';

// Validation.
export { createValidationPipe, fieldErrorsOf } from './validation-pipe';
export {
  FIRST_ACCEPTED_YEAR,
  IsBirthDate,
  IsCalendarDate,
  IsIsoTimestamp,
  LAST_ACCEPTED_YEAR,
  OLDEST_BIRTH_YEARS_BACK,
  YOUNGEST_AGE_AT_REGISTRATION,
  isBirthDate,
  isCalendarDate,
  isIsoTimestamp,
  isPlausibleDate,
} from './date-validators';
export {
  JSON_BODY_LIMIT,
  JSON_BODY_LIMIT_BYTES,
  MalformedJsonBodyException,
  parseJsonBody,
  refuseDeclaredOversizeBody,
} from './json-body-parser';
export { screenRequest } from './input-screening/screen-request';
export { FORBIDDEN_KEYS, MAX_INPUT_DEPTH, inputViolations, stringViolation } from './input-screening/input-policy';
export { MayBeAbsent } from './may-be-absent';
export { UuidParam } from './uuid-param';

// Hardening: browser headers, no caching of personal data, CORS, connection timeouts.
export { setSecurityHeaders } from './hardening/security-headers';
export { noStore } from './hardening/no-store';
export { useCors } from './hardening/cors';
export { applyServerTimeouts } from './hardening/server-timeouts';
export type { ServerTimeouts } from './hardening/server-timeouts';

// Versions: ETag out, If-Match in.
export { IfMatch, parseIfMatch, setVersionHeaders } from './version-headers';

// Idempotency-Key.
export { IDEMPOTENCY_KEY_HEADER, IdempotencyKey, readIdempotencyKey } from './idempotency/idempotency-key';
export { REPLAYED_HEADER } from './idempotency/idempotency.interceptor';

// OpenAPI.
export {
  BEARER_AUTH,
  GENERAL_RESPONSE_HEADERS,
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  buildOpenApiDocument,
  setUpOpenApi,
} from './openapi/set-up-openapi';
export type { AccessReader } from './openapi/set-up-openapi';
export { ApiOperationFor } from './openapi/api-operation.decorator';
export type { SuccessAnswer } from './openapi/api-operation.decorator';
export type { OperationSpec, RouteProblems } from './openapi/api-operation.decorator';
export { FieldErrorSchema, ProblemSchema } from './openapi/problem.schema';

// What a write answers.
export { WriteResult } from './write-result';

// Rate limits: failed authentications per client address, writes per subject.
export {
  AuthFailureLimiter,
  MemoryRateLimitStorage,
  RATE_LIMITS,
  RATE_LIMIT_STORAGE,
  RateLimitsModule,
  SqlRateLimitStorage,
  fixedWindowRecord,
  rateLimitKey,
} from './rate-limits';
export type { RateLimits, ThrottlerStorage } from './rate-limits';
