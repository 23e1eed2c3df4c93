import { DOMAIN_ERROR_CODES, DomainError, DomainErrorCode, StaleVersionError } from '@lotse/domain';
import { codeOfHttpStatus, DOMAIN_ERROR_STATUSES, statusOfDomainError } from './error-statuses';

const statusOf = (code: DomainErrorCode, details?: Record<string, unknown>) =>
  statusOfDomainError(new DomainError(code, 'because', details));

describe('the status of a DomainError', () => {
  it.each<[DomainErrorCode, number]>([
    ['validation_failed', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['participant_not_found', 404],
    ['version_conflict', 409],
    ['duplicate_pathway', 409],
    ['subsidiarity', 409],
    ['career_risk', 409],
    ['not_eligible', 409],
    ['pathway_exists', 409],
    ['participant_exists', 409],
    ['pathway_not_active', 409],
    ['participant_not_active', 409],
    ['already_assigned', 409],
    ['entitlement_overlaps', 409],
    ['personal_data_erased', 409],
    ['request_in_progress', 409],
    ['idempotency_key_reused', 422],
    ['step_in_future', 422],
    ['step_before_start', 422],
    ['end_before_start', 422],
    ['end_in_future', 422],
    ['invalid_period', 422],
    ['outcome_not_a_completion', 422],
    ['outcome_not_an_abort', 422],
    ['assessment_in_future', 422],
    ['entitlement_not_found', 422],
  ])('%s answers %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it('is 422 for a code only a cast can produce', () => {
    expect(statusOf('brand_new_refusal' as DomainErrorCode)).toBe(422);
  });

  it('answers a stale If-Match 412 by its type, a lost race 409 by its code', () => {
    expect(statusOfDomainError(new StaleVersionError(3, 2))).toBe(412);
    expect(statusOf('version_conflict')).toBe(409);
  });

  it('takes no status from the details', () => {
    expect(statusOf('version_conflict', { status: 412 })).toBe(409);
    expect(statusOf('not_found', { status: 500 })).toBe(404);
  });

  it('has a status for every code, and a code for every status', () => {
    expect(Object.keys(DOMAIN_ERROR_STATUSES).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
  });

  it('lists only snake_case codes with client error statuses, but for a read model not caught up yet or a database away (503, try again)', () => {
    const tryAgain = new Set(['read_model_behind', 'store_unavailable']);
    for (const [code, status] of Object.entries(DOMAIN_ERROR_STATUSES)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(tryAgain.has(code) ? 600 : 500);
    }
    expect(DOMAIN_ERROR_STATUSES.read_model_behind).toBe(503);
    expect(DOMAIN_ERROR_STATUSES.store_unavailable).toBe(503);
  });
});

describe('the code of an HTTP status', () => {
  it.each([
    [400, 'validation_failed'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [500, 'internal_error'],
    [418, 'http_418'],
    [507, 'internal_error'],
  ])('%i is %s', (status, code) => {
    expect(codeOfHttpStatus(status)).toBe(code);
  });
});
