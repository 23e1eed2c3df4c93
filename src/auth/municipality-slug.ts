/**
 * How a municipality is written in tokens, events and statistics: `neuss`, `rhein-kreis-neuss`.
 * Tenants are compared as they stand, so there is exactly one spelling.
 */
export const isMunicipalitySlug = (value: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
