import { EligibilityTable, NRW_ELIGIBILITY_TABLES, validateEligibilityTable } from '@lotse/domain';
import { readFileSync } from 'node:fs';

/**
 * The eligibility tables in force, newest last: the built-in NRW versions, plus the versions in
 * ELIGIBILITY_TABLE_FILE (a JSON table or array of tables) when set. Validated once at start, so a
 * bad table stops the service instead of refusing coaches later.
 */
export const loadEligibilityTables = (file: string | undefined): EligibilityTable[] => {
  if (!file) return [...NRW_ELIGIBILITY_TABLES];
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return [...NRW_ELIGIBILITY_TABLES, ...(Array.isArray(raw) ? raw : [raw]).map(validateEligibilityTable)];
};
