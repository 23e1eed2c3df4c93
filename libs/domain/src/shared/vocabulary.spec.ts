import { CASE_STEP_KINDS, JURISDICTIONS, OUTCOMES, PATHWAY_KINDS, RESIDENCE_STATUSES, ROLES } from './vocabulary';

describe('the words on the wire', () => {
  it.each([
    ['residence statuses', RESIDENCE_STATUSES, 7],
    ['jurisdictions', JURISDICTIONS, 7],
    ['pathway kinds', PATHWAY_KINDS, 4],
    ['case step kinds', CASE_STEP_KINDS, 13],
    ['outcomes', OUTCOMES, 7],
    ['roles', ROLES, 4],
  ])('has %s as stable lower-case snake_case codes without repeats', (_, codes, count) => {
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});
