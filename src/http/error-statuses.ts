import { DomainError, DomainErrorCode, StaleVersionError } from '@lotse/domain';

/**
 * The one table from a DomainError code to its HTTP status. It must name every DomainErrorCode
 * (and nothing else), so a new code without a status does not compile.
 */
export const DOMAIN_ERROR_STATUSES = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  participant_not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // A rate limit: too many failed authentications from one address, or writes of one subject.
  too_many_requests: 429,

  // Another request changed the stream first (a stale If-Match is a StaleVersionError: 412).
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
  // Offers: a place in an offer that does not fit the pathway, or that is not there.
  offer_not_found: 404,
  offer_exists: 409,
  offer_closed: 409,
  offer_mismatch: 409,
  offer_not_open_to_status: 409,
  offer_full: 409,
  // Read models: one rebuild per projection at a time, wherever it runs.
  rebuild_in_progress: 409,

  // A read asked for a log position its read model has not reached in time; Retry-After says when to ask again.
  read_model_behind: 503,
  report_exists: 409,
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
  outcome_not_an_abort: 422,
  assessment_in_future: 422,
  entitlement_not_found: 422,
  not_overridable: 422,
  invalid_merge: 422,
  // An admin merging two registrations the duplicate check never listed must say why.
  merge_reason_required: 422,
  invalid_birth_date: 422,
  invalid_eligibility_table: 422,
} as const satisfies Record<DomainErrorCode, number>;

/**
 * Errors whose type, not their code, sets the status: the code stays the one a client already
 * handles, the status says whose fault it is. Checked in order, before the code's table.
 */
export const DOMAIN_ERROR_TYPE_STATUSES: ReadonlyArray<readonly [new (...args: never[]) => DomainError, number]> = [
  // The client's own precondition (If-Match) failed, rather than a race it could not see.
  [StaleVersionError, 412],
];

/**
 * A code the table cannot know, which only a cast can produce (the type rules it out): still the
 * client's request being refused, not the server failing.
 */
export const UNKNOWN_DOMAIN_ERROR_STATUS = 422;

/** The status for a DomainError: by its type where the type decides, else by its code. */
export const statusOfDomainError = (error: DomainError): number => {
  const byType = DOMAIN_ERROR_TYPE_STATUSES.find(([type]) => error instanceof type);
  if (byType) return byType[1];
  return statusOfCode(error.code);
};

export const statusOfCode = (code: DomainErrorCode): number =>
  (DOMAIN_ERROR_STATUSES as Record<string, number | undefined>)[code] ?? UNKNOWN_DOMAIN_ERROR_STATUS;

/**
 * Codes for errors Nest and the HTTP platform raise themselves (guards, unknown routes, body parsing), so
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
