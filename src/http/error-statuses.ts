import { DomainError } from '@lotse/domain';

/**
 * The one table from a DomainError code to its HTTP status. A new code goes here and nowhere
 * else; codes not listed answer 422, as an unlisted refusal is still the client's request
 * being refused, not the server failing.
 */
export const DOMAIN_ERROR_STATUSES = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  participant_not_found: 404,

  // Another request changed the stream first; `details.status` turns it into 412 for a stale If-Match.
  version_conflict: 409,
  request_in_progress: 409,
  // The guard's refusals.
  duplicate_pathway: 409,
  subsidiarity: 409,
  career_risk: 409,
  not_eligible: 409,
  // The aggregate is not in a state that allows the command.
  pathway_exists: 409,
  participant_exists: 409,
  pathway_not_active: 409,
  participant_not_active: 409,
  already_assigned: 409,
  entitlement_overlaps: 409,
  // The participant's key is destroyed: nothing personal can be recorded about them any more.
  personal_data_erased: 409,
  // The enrolment ledger: a merged-away registration, or a merge that does not fit.
  ledger_closed: 409,
  ledger_mismatch: 409,
  ledger_not_closed: 409,
  reservation_not_found: 404,
  // Read models: one rebuild per projection at a time, wherever it runs.
  rebuild_in_progress: 409,

  // A read asked for a log position its read model has not reached in time; Retry-After says when to ask again.
  read_model_behind: 503,
  // A rate limit: too many failed authentications from one address, or writes of one subject.
  too_many_requests: 429,
  // The database connection is lost (restart, failover); the request may be sent again after Retry-After.
  store_unavailable: 503,

  // Well-formed, but the facts in it cannot be right.
  idempotency_key_reused: 422,
  step_in_future: 422,
  step_before_start: 422,
  next_step_before_step: 422,
  end_before_start: 422,
  end_in_future: 422,
  invalid_period: 422,
  outcome_not_a_completion: 422,
  entitlement_not_found: 422,
  not_overridable: 422,
  invalid_merge: 422,
  // An admin merging two registrations the duplicate check never listed must say why.
  merge_reason_required: 422,
} as const satisfies Record<string, number>;

export const UNKNOWN_DOMAIN_ERROR_STATUS = 422;

const isHttpErrorStatus = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;

/** The status for a DomainError: an explicit `details.status` (412 vs 409), else the table. */
export const statusOfDomainError = (error: DomainError): number => {
  if (isHttpErrorStatus(error.details.status)) return error.details.status;
  return statusOfCode(error.code);
};

export const statusOfCode = (code: string): number =>
  (DOMAIN_ERROR_STATUSES as Record<string, number>)[code] ?? UNKNOWN_DOMAIN_ERROR_STATUS;

/**
 * Codes for errors Nest and Express raise themselves (guards, unknown routes, body parsing), so
 * a client reads one `code` field whatever produced the error.
 */
export const HTTP_STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  410: 'gone',
  411: 'length_required',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_content',
  428: 'precondition_required',
  429: 'too_many_requests',
  500: 'internal_error',
  501: 'not_implemented',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export const codeOfHttpStatus = (status: number): string =>
  HTTP_STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : `http_${status}`);
