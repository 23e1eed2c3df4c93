import { DomainError } from '@lotse/domain';
import { codeOfHttpStatus, DOMAIN_ERROR_STATUSES, statusOfDomainError } from './error-statuses';

const statusOf = (code: string, details?: Record<string, unknown>) => statusOfDomainError(new DomainError(code, 'because', details));

describe('the status of a DomainError', () => {
  it.each([
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
    ['entitlement_not_found', 422],
  ])('%s answers %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it('is 422 for a code nobody put in the table', () => {
    expect(statusOf('brand_new_refusal')).toBe(422);
  });

  it('takes an explicit details.status: a stale If-Match is 412, a lost race 409', () => {
    expect(statusOf('version_conflict', { status: 412 })).toBe(412);
    expect(statusOf('version_conflict', { status: 409 })).toBe(409);
  });

  it.each([[200], [99], ['412'], [412.5], [600]])('ignores a details.status of %j that is no error status', (status) => {
    expect(statusOf('version_conflict', { status })).toBe(409);
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
