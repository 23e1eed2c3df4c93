import { NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2 } from '@lotse/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEligibilityTables } from './eligibility-tables';

describe('loading eligibility tables at start', () => {
  const file = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'lotse-eligibility-')), 'tables.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('uses the built-in NRW table when no file is configured', () => {
    expect(loadEligibilityTables(undefined)).toEqual([NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2]);
  });

  it('adds the versions of the configured file after validating them', () => {
    const next = { ...NRW_ELIGIBILITY_2026, version: 'nrw-2027.1', validFrom: '2027-01-01' };
    expect(loadEligibilityTables(file([next])).map((t) => t.version)).toEqual(['nrw-2026.1', 'nrw-2026.2', 'nrw-2027.1']);
  });

  it('refuses a table with an unknown residence status, naming where', () => {
    const broken = {
      ...NRW_ELIGIBILITY_2026,
      version: 'broken',
      rules: [{ kind: 'coaching', jurisdiction: 'state', residenceStatuses: ['asyl'] }],
    };
    expect(() => loadEligibilityTables(file(broken))).toThrow(/rules\[0\]\.residenceStatuses\[0\]/);
  });
});
