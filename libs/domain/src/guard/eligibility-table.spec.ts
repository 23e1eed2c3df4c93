import { DomainError } from '../kernel/domain-error';
import { JURISDICTIONS, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { addMonths, isCalendarDate } from './dates';
import { NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2 } from './default-eligibility-table.nrw';
import { eligibilityTableOn, validateEligibilityTable } from './eligibility-table';

/** JSON as it comes from a file: any shape, and the cases below spoil it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParsedJson = any;

/** The NRW table as it would arrive from a JSON file. */
const raw = (): ParsedJson => JSON.parse(JSON.stringify(NRW_ELIGIBILITY_2026));

const messageOf = (input: unknown): string => {
  try {
    validateEligibilityTable(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_eligibility_table');
    return (error as DomainError).message;
  }
  throw new Error('expected the table to be refused');
};

describe('the eligibility table', () => {
  it('accepts the NRW default, also as parsed JSON, and returns a copy', () => {
    expect(validateEligibilityTable(NRW_ELIGIBILITY_2026)).toEqual(NRW_ELIGIBILITY_2026);
    const input = raw();
    const table = validateEligibilityTable(input);
    input.rules[0].residenceStatuses = ['german'];
    expect(table.rules[0].residenceStatuses).toBe('all');
  });

  it.each([
    [
      'a residence status it does not know',
      (t: ParsedJson) => {
        t.rules[3].residenceStatuses[0] = 'asyl';
      },
      'rules[3].residenceStatuses[0]: unknown residence status "asyl"; expected one of gestattung, duldung, aufenthaltserlaubnis, niederlassungserlaubnis, eu_citizen, german, other',
    ],
    [
      'a kind it does not know',
      (t: ParsedJson) => {
        t.rules[1].kind = 'sprachkurs';
      },
      'rules[1].kind: unknown pathway kind "sprachkurs"',
    ],
    [
      'a jurisdiction it does not know',
      (t: ParsedJson) => {
        t.rules[2].jurisdiction = 'sgb9';
      },
      'rules[2].jurisdiction: unknown jurisdiction "sgb9"',
    ],
    [
      'residence statuses that are neither "all" nor a list',
      (t: ParsedJson) => {
        t.rules[0].residenceStatuses = 'everyone';
      },
      'rules[0].residenceStatuses: expected an array, got "everyone"',
    ],
    [
      'an empty list of statuses',
      (t: ParsedJson) => {
        t.rules[0].residenceStatuses = [];
      },
      'rules[0].residenceStatuses: must not be empty',
    ],
    [
      'a status listed twice',
      (t: ParsedJson) => {
        t.rules[3].residenceStatuses = ['duldung', 'duldung'];
      },
      'rules[3].residenceStatuses[1]: "duldung" is listed twice',
    ],
    [
      'a misspelt field',
      (t: ParsedJson) => {
        t.rules[4].residenceStatus = t.rules[4].residenceStatuses;
        delete t.rules[4].residenceStatuses;
      },
      'rules[4].residenceStatus: unknown field; expected one of kind, jurisdiction, residenceStatuses, ages, basis',
    ],
    [
      'an age range with neither end',
      (t: ParsedJson) => {
        t.rules[0].ages = {};
      },
      'rules[0].ages: give min, max or both',
    ],
    [
      'an age that is no whole number',
      (t: ParsedJson) => {
        t.rules[0].ages = { min: 17.5 };
      },
      'rules[0].ages.min: expected a whole number of years from 0 to 130, got 17.5',
    ],
    [
      'a maximum age below the minimum',
      (t: ParsedJson) => {
        t.rules[0].ages = { min: 27, max: 18 };
      },
      'rules[0].ages.max: 18 is below min 27',
    ],
    [
      'a misspelt age field',
      (t: ParsedJson) => {
        t.rules[0].ages = { from: 18 };
      },
      'rules[0].ages.from: unknown field; expected one of min, max',
    ],
    [
      'a missing field',
      (t: ParsedJson) => {
        delete t.rules[0].jurisdiction;
      },
      'rules[0].jurisdiction: missing',
    ],
    [
      'two rules for one offer',
      (t: ParsedJson) => {
        t.rules.push({ kind: 'coaching', jurisdiction: 'state', residenceStatuses: ['german'] });
      },
      `rules[${NRW_ELIGIBILITY_2026.rules.length}]: coaching under state is already ruled by rules[0]`,
    ],
    [
      'no rules',
      (t: ParsedJson) => {
        t.rules = [];
      },
      'rules: must not be empty',
    ],
    [
      'a validFrom that is no date',
      (t: ParsedJson) => {
        t.validFrom = '2026-02-30';
      },
      'validFrom: expected a date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      'an empty version',
      (t: ParsedJson) => {
        t.version = ' ';
      },
      'version: expected a non-empty string, got " "',
    ],
    [
      'an unknown covering jurisdiction',
      (t: ParsedJson) => {
        t.subsidiarity.coveringJurisdictions = ['sgb2', 'sgbxii'];
      },
      'subsidiarity.coveringJurisdictions[1]: unknown jurisdiction "sgbxii"',
    ],
    [
      'a jurisdiction subsidiary to itself',
      (t: ParsedJson) => {
        t.subsidiarity.subsidiaryJurisdiction = 'sgb2';
      },
      'subsidiarity.subsidiaryJurisdiction: "sgb2" cannot be subsidiary to itself',
    ],
    [
      'a career-risk count that is no whole number',
      (t: ParsedJson) => {
        t.careerRisk.failedPathways = 2.5;
      },
      'careerRisk.failedPathways: expected a whole number of at least 1, got 2.5',
    ],
    [
      'a career-risk window of zero months',
      (t: ParsedJson) => {
        t.careerRisk.withinMonths = 0;
      },
      'careerRisk.withinMonths: expected a whole number of at least 1, got 0',
    ],
    [
      'a missing section',
      (t: ParsedJson) => {
        delete t.careerRisk;
      },
      'careerRisk: missing',
    ],
    [
      'an unknown top-level field',
      (t: ParsedJson) => {
        t.valid_from = '2026-01-01';
      },
      'valid_from: unknown field',
    ],
  ])('refuses %s, naming the path', (_, spoil, message) => {
    const input = raw();
    spoil(input);
    expect(messageOf(input)).toContain(message);
  });

  it('refuses what is not an object at all', () => {
    expect(messageOf(null)).toBe('table: expected an object, got null');
    expect(messageOf([])).toBe('table: expected an object, got an array');
  });

  it('picks the version in force on a day', () => {
    const next = { ...NRW_ELIGIBILITY_2026, version: 'nrw-2026.2', validFrom: '2026-07-01' };
    expect(eligibilityTableOn([next, NRW_ELIGIBILITY_2026], '2026-06-30')?.version).toBe('nrw-2026.1');
    expect(eligibilityTableOn([next, NRW_ELIGIBILITY_2026], '2026-07-01')?.version).toBe('nrw-2026.2');
    expect(eligibilityTableOn([next, NRW_ELIGIBILITY_2026], '2025-12-31')).toBeUndefined();
  });
});

describe('the NRW default table', () => {
  const statusesFor = (kind: string, jurisdiction: string) =>
    NRW_ELIGIBILITY_2026.rules.find((r) => r.kind === kind && r.jurisdiction === jurisdiction)?.residenceStatuses;

  it('opens participation management only to duldung and gestattung, wherever it is funded', () => {
    const rows = NRW_ELIGIBILITY_2026.rules.filter((r) => r.kind === 'participation_management');
    expect(rows.map((r) => r.jurisdiction).sort()).toEqual(['asylblg', 'sgb8', 'state']);
    for (const row of rows) expect(row.residenceStatuses).toEqual(['gestattung', 'duldung']);
  });
  it('opens state coaching, language support and school certificate to every status', () => {
    for (const kind of ['coaching', 'language_support', 'school_certificate']) expect(statusesFor(kind, 'state')).toBe('all');
  });
  it('makes them subsidiary to SGB II and SGB XII', () =>
    expect(NRW_ELIGIBILITY_2026.subsidiarity).toEqual({
      coveringJurisdictions: ['sgb2', 'sgb12'],
      subsidiaryJurisdiction: 'state',
      kinds: ['coaching', 'language_support', 'school_certificate'],
    }));
  it('keeps people on AsylbLG benefits out of SGB II and SGB XII offers', () => {
    for (const rule of NRW_ELIGIBILITY_2026.rules.filter((r) => r.jurisdiction === 'sgb2' || r.jurisdiction === 'sgb12')) {
      expect(rule.residenceStatuses).not.toContain('gestattung');
      expect(rule.residenceStatuses).not.toContain('duldung');
    }
  });
  it('names a legal basis for every rule and uses only words on the wire', () => {
    for (const rule of NRW_ELIGIBILITY_2026.rules) {
      expect(rule.basis).toEqual(expect.any(String));
      expect(PATHWAY_KINDS).toContain(rule.kind);
      expect(JURISDICTIONS).toContain(rule.jurisdiction);
      if (rule.residenceStatuses !== 'all') for (const s of rule.residenceStatuses) expect(RESIDENCE_STATUSES).toContain(s);
    }
  });
  it('asks for a case conference after 3 failures within 24 months', () =>
    expect(NRW_ELIGIBILITY_2026.careerRisk).toEqual({ failedPathways: 3, withinMonths: 24 }));
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    [20260101, false],
  ])('%p is a calendar date: %p', (value, expected) => expect(isCalendarDate(value)).toBe(expected));
  it.each([
    ['2026-03-01', -24, '2024-03-01'],
    ['2026-08-31', -6, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2025-12-31', 2, '2026-02-28'],
  ])('%s plus %d months is %s', (date, months, expected) => expect(addMonths(date, months)).toBe(expected));
});

describe('the NRW table of July 2026 (nrw-2026.2)', () => {
  const agesOf = (kind: string, jurisdiction: string) =>
    NRW_ELIGIBILITY_2026_2.rules.find((r) => r.kind === kind && r.jurisdiction === jurisdiction)?.ages;

  it('passes its own validation and replaces nrw-2026.1 from 1 July 2026', () => {
    expect(validateEligibilityTable(JSON.parse(JSON.stringify(NRW_ELIGIBILITY_2026_2)))).toEqual(NRW_ELIGIBILITY_2026_2);
    expect(eligibilityTableOn([NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2], '2026-06-30')?.version).toBe('nrw-2026.1');
    expect(eligibilityTableOn([NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2], '2026-07-01')?.version).toBe('nrw-2026.2');
  });
  it('opens every state offer to ages 18 to 27', () => {
    for (const rule of NRW_ELIGIBILITY_2026_2.rules.filter((r) => r.jurisdiction === 'state'))
      expect(rule.ages).toEqual({ min: 18, max: 27 });
  });
  it('limits youth welfare to those not yet 27, the job centre to 15 and older, the Jugendmigrationsdienste to 12 to 27', () => {
    expect(agesOf('coaching', 'sgb8')).toEqual({ max: 26 });
    expect(agesOf('participation_management', 'sgb8')).toEqual({ max: 26 });
    expect(agesOf('coaching', 'sgb2')).toEqual({ min: 15 });
    expect(agesOf('coaching', 'federal')).toEqual({ min: 12, max: 27 });
  });
  it('sets no age limit where the law sets none, and changes nothing else', () => {
    for (const [kind, jurisdiction] of [
      ['coaching', 'sgb3'],
      ['coaching', 'sgb12'],
      ['coaching', 'asylblg'],
      ['language_support', 'federal'],
    ]) {
      expect(agesOf(kind, jurisdiction)).toBeUndefined();
    }
    expect(NRW_ELIGIBILITY_2026_2.rules.map(({ ages: _ages, ...rule }) => rule)).toEqual(NRW_ELIGIBILITY_2026.rules);
    expect(NRW_ELIGIBILITY_2026_2.subsidiarity).toEqual(NRW_ELIGIBILITY_2026.subsidiarity);
    expect(NRW_ELIGIBILITY_2026_2.careerRisk).toEqual(NRW_ELIGIBILITY_2026.careerRisk);
  });
});
