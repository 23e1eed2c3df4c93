import { DomainError } from '../kernel/domain-error';
import { Jurisdiction, JURISDICTIONS, PATHWAY_KINDS, PathwayKind, RESIDENCE_STATUSES, ResidenceStatus } from '../kernel/vocabulary';
import { isCalendarDate } from './dates';

export interface AgeRange {
  min?: number;
  max?: number;
}

/** Which residence statuses may open a pathway of one kind funded under one jurisdiction (R4). */
export interface EligibilityRule {
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  residenceStatuses: readonly ResidenceStatus[] | 'all';
  /** Ages in whole years on the planned start, both ends included; absent, the offer has no age limit (or either end). */
  ages?: AgeRange;
  /** The legal basis or funding guideline, for people reading the table; the guard ignores it. */
  basis?: string;
}

/**
 * The data behind R2–R4: it comes from a versioned eligibility table, not from code, so a change of law is a new table version.
 * A kind/jurisdiction pair without a rule is not on offer at all, so it is refused as `not_eligible`.
 */
export interface EligibilityTable {
  version: string;
  /** First day (`YYYY-MM-DD`) this version decides; the previous version decides before it. */
  validFrom: string;
  rules: readonly EligibilityRule[];
  /** R2: while an entitlement under a covering jurisdiction is active, the subsidiary one does not fund these kinds. */
  subsidiarity: { coveringJurisdictions: readonly Jurisdiction[]; subsidiaryJurisdiction: Jurisdiction; kinds: readonly PathwayKind[] };
  /** R3: this many failed pathways of one kind, ended within this many months, call for a case conference first. */
  careerRisk: { failedPathways: number; withinMonths: number };
}

const invalid = (path: string, problem: string): never => {
  const where = path || 'table';
  throw new DomainError('invalid_eligibility_table', `${where}: ${problem}`, { path: where });
};

const field = (path: string, key: string) => (path ? `${path}.${key}` : key);

const shown = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `"${value}"`;
    case 'object':
      return 'an object';
    case 'number':
    case 'boolean':
      return String(value);
    default:
      // What JSON cannot hold (undefined, a function, …): its kind says enough.
      return typeof value;
  }
};

const record = (
  value: unknown,
  path: string,
  fields: { required: readonly string[]; optional?: readonly string[] },
): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(path, `expected an object, got ${shown(value)}`);
  const object = value as Record<string, unknown>;
  const known = [...fields.required, ...(fields.optional ?? [])];
  // An unknown field is almost always a typo ("residenceStatus"), which would silently fall back to a default.
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  if (unknown !== undefined) invalid(field(path, unknown), `unknown field; expected one of ${known.join(', ')}`);
  const missing = fields.required.find((key) => object[key] === undefined);
  if (missing !== undefined) invalid(field(path, missing), 'missing');
  return object;
};

const array = (value: unknown, path: string, { nonEmpty }: { nonEmpty: boolean }): unknown[] => {
  if (!Array.isArray(value)) return invalid(path, `expected an array, got ${shown(value)}`);
  if (nonEmpty && value.length === 0) invalid(path, 'must not be empty');
  return value;
};

const code = <T extends string>(value: unknown, path: string, codes: readonly T[], what: string): T => {
  if (typeof value !== 'string' || !(codes as readonly string[]).includes(value)) {
    return invalid(path, `unknown ${what} ${shown(value)}; expected one of ${codes.join(', ')}`);
  }
  return value as T;
};

const codes = <T extends string>(value: unknown, path: string, known: readonly T[], what: string, nonEmpty: boolean): T[] => {
  const items = array(value, path, { nonEmpty }).map((item, i) => code(item, `${path}[${i}]`, known, what));
  const repeated = items.findIndex((item, i) => items.indexOf(item) !== i);
  if (repeated >= 0) invalid(`${path}[${repeated}]`, `"${items[repeated]}" is listed twice`);
  return items;
};

const positiveInteger = (value: unknown, path: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    return invalid(path, `expected a whole number of at least 1, got ${shown(value)}`);
  return value;
};

const age = (value: unknown, path: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 130) {
    return invalid(path, `expected a whole number of years from 0 to 130, got ${shown(value)}`);
  }
  return value;
};

const ageRange = (value: unknown, path: string): AgeRange => {
  const raw = record(value, path, { required: [], optional: ['min', 'max'] });
  const min = raw.min === undefined ? undefined : age(raw.min, `${path}.min`);
  const max = raw.max === undefined ? undefined : age(raw.max, `${path}.max`);
  if (min === undefined && max === undefined) invalid(path, 'give min, max or both; leave ages out for no age limit');
  if (min !== undefined && max !== undefined && max < min) invalid(`${path}.max`, `${max} is below min ${min}`);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
};

const rule = (value: unknown, path: string): EligibilityRule => {
  const raw = record(value, path, { required: ['kind', 'jurisdiction', 'residenceStatuses'], optional: ['ages', 'basis'] });
  const kind = code(raw.kind, `${path}.kind`, PATHWAY_KINDS, 'pathway kind');
  const jurisdiction = code(raw.jurisdiction, `${path}.jurisdiction`, JURISDICTIONS, 'jurisdiction');
  const residenceStatuses =
    raw.residenceStatuses === 'all'
      ? 'all'
      : codes(raw.residenceStatuses, `${path}.residenceStatuses`, RESIDENCE_STATUSES, 'residence status', true);
  if (raw.basis !== undefined && typeof raw.basis !== 'string') invalid(`${path}.basis`, `expected a string, got ${shown(raw.basis)}`);
  return {
    kind,
    jurisdiction,
    residenceStatuses,
    ...(raw.ages !== undefined ? { ages: ageRange(raw.ages, `${path}.ages`) } : {}),
    ...(raw.basis !== undefined ? { basis: raw.basis as string } : {}),
  };
};

/**
 * The table, checked field by field, or a DomainError `invalid_eligibility_table` whose message
 * names the first bad path, e.g. `rules[3].residenceStatuses[0]: unknown residence status "asyl"; …`.
 * Returns a fresh copy, so changing the raw input afterwards changes nothing.
 */
export const validateEligibilityTable = (raw: unknown): EligibilityTable => {
  const table = record(raw, '', { required: ['version', 'validFrom', 'rules', 'subsidiarity', 'careerRisk'] });
  if (typeof table.version !== 'string' || table.version.trim() === '')
    invalid('version', `expected a non-empty string, got ${shown(table.version)}`);
  if (!isCalendarDate(table.validFrom)) invalid('validFrom', `expected a date YYYY-MM-DD, got ${shown(table.validFrom)}`);

  const rules = array(table.rules, 'rules', { nonEmpty: true }).map((item, i) => rule(item, `rules[${i}]`));
  rules.forEach((r, i) => {
    const first = rules.findIndex((other) => other.kind === r.kind && other.jurisdiction === r.jurisdiction);
    // Two rows for one offer would make the answer depend on which one is read first.
    if (first !== i) invalid(`rules[${i}]`, `${r.kind} under ${r.jurisdiction} is already ruled by rules[${first}]`);
  });

  const rawSubsidiarity = record(table.subsidiarity, 'subsidiarity', {
    required: ['coveringJurisdictions', 'subsidiaryJurisdiction', 'kinds'],
  });
  const coveringJurisdictions = codes(
    rawSubsidiarity.coveringJurisdictions,
    'subsidiarity.coveringJurisdictions',
    JURISDICTIONS,
    'jurisdiction',
    true,
  );
  const subsidiaryJurisdiction = code(
    rawSubsidiarity.subsidiaryJurisdiction,
    'subsidiarity.subsidiaryJurisdiction',
    JURISDICTIONS,
    'jurisdiction',
  );
  if (coveringJurisdictions.includes(subsidiaryJurisdiction)) {
    invalid('subsidiarity.subsidiaryJurisdiction', `"${subsidiaryJurisdiction}" cannot be subsidiary to itself`);
  }
  const kinds = codes(rawSubsidiarity.kinds, 'subsidiarity.kinds', PATHWAY_KINDS, 'pathway kind', false);

  const rawCareerRisk = record(table.careerRisk, 'careerRisk', { required: ['failedPathways', 'withinMonths'] });
  return {
    version: table.version as string,
    validFrom: table.validFrom as string,
    rules,
    subsidiarity: { coveringJurisdictions, subsidiaryJurisdiction, kinds },
    careerRisk: {
      failedPathways: positiveInteger(rawCareerRisk.failedPathways, 'careerRisk.failedPathways'),
      withinMonths: positiveInteger(rawCareerRisk.withinMonths, 'careerRisk.withinMonths'),
    },
  };
};

/** The version in force on `day`: the latest one whose `validFrom` is not after it, or undefined before the first. */
export const eligibilityTableOn = (tables: readonly EligibilityTable[], day: string): EligibilityTable | undefined =>
  tables
    .filter((t) => t.validFrom <= day)
    .reduce<EligibilityTable | undefined>((latest, t) => (!latest || t.validFrom > latest.validFrom ? t : latest), undefined);
