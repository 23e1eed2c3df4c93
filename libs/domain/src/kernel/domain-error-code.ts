/**
 * Every `code` a DomainError may carry: the stable word a client reads in the problem body. The
 * application's status table is checked against this list at compile time, so a code cannot
 * reach the wire without a status. Codes Nest itself raises (guards, routing, body parsing) are
 * not here; they come from the HTTP status.
 */
export const DOMAIN_ERROR_CODES = [
  // The request itself.
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'participant_not_found',
  'unsupported_media_type',
  'payload_too_large',
  'too_many_requests',
  // Races and retries.
  'version_conflict',
  'request_in_progress',
  'idempotency_key_reused',
  // The measure-career guard's refusals.
  'duplicate_pathway',
  'subsidiarity',
  'career_risk',
  'not_eligible',
  'not_overridable',
  // A participant, a pathway or the enrolment ledger is not in a state that allows the command.
  'pathway_exists',
  'participant_exists',
  'pathway_not_active',
  'participant_not_active',
  'already_assigned',
  'entitlement_overlaps',
  'entitlement_not_found',
  'personal_data_erased',
  'ledger_closed',
  'ledger_mismatch',
  'ledger_not_closed',
  'reservation_not_found',
  'invalid_merge',
  'merge_reason_required',
  // Offers: the offer is not there, or its place does not fit the pathway.
  'offer_not_found',
  'offer_exists',
  'offer_closed',
  'offer_mismatch',
  'offer_not_open_to_status',
  'offer_full',
  // Facts that cannot be right.
  'step_in_future',
  'step_before_start',
  'next_step_before_step',
  'end_before_start',
  'end_in_future',
  'invalid_period',
  'outcome_not_a_completion',
  'outcome_not_an_abort',
  'assessment_in_future',
  'invalid_birth_date',
  'invalid_eligibility_table',
  // Read models and the store.
  'rebuild_in_progress',
  'read_model_behind',
  'report_exists',
  'store_unavailable',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(DOMAIN_ERROR_CODES);

export const isDomainErrorCode = (value: unknown): value is DomainErrorCode => typeof value === 'string' && KNOWN_CODES.has(value);
