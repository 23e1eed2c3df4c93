import {
  CASE_STEP_KINDS,
  GERMAN_LEVELS,
  JURISDICTIONS,
  NEEDS,
  OUTCOMES,
  PATHWAY_KINDS,
  RESIDENCE_STATUSES,
  ROLES,
  SCHOOL_CERTIFICATES,
} from './vocabulary';

describe('the words on the wire', () => {
  it.each([
    ['residence statuses', RESIDENCE_STATUSES, 7],
    ['jurisdictions', JURISDICTIONS, 7],
    ['pathway kinds', PATHWAY_KINDS, 4],
    ['case step kinds', CASE_STEP_KINDS, 14],
    ['outcomes', OUTCOMES, 7],
    ['roles', ROLES, 5],
    ['needs', NEEDS, 10],
    ['German levels', GERMAN_LEVELS, 7],
    ['school certificates', SCHOOL_CERTIFICATES, 7],
  ])('has %s as stable lower-case snake_case codes without repeats', (_, codes, count) => {
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});

it('names every pathway kind as a need, so a need can be met by a pathway of its kind', () => {
  for (const kind of PATHWAY_KINDS) expect(NEEDS).toContain(kind);
});
