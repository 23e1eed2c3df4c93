import { canonicalJson } from '@lotse/event-store';
import { AccessEntry } from './access-entry';

const stringList = (values: readonly unknown[]): string => {
  let out = '[';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    out += (i ? ',' : '') + (typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value));
  }
  return `${out}]`;
};

/**
 * `canonicalJson(entry)` written out for the entry's fixed shape: its keys already in sorted order, no sorting and no
 * walk over unknown values, as every read the service answers passes through here once. A property test holds it to
 * `canonicalJson`. It writes only the members an entry has, so a check of stored records uses `canonicalJson`, which
 * covers whatever a record holds.
 */
export const accessEntryJson = (entry: AccessEntry): string => {
  let out = `{"action":${JSON.stringify(entry.action)},"at":${JSON.stringify(entry.at)}`;
  if (entry.detail !== undefined) out += `,"detail":${canonicalJson(entry.detail)}`;
  out += `,"municipalities":${stringList(entry.municipalities)},"municipality":${JSON.stringify(entry.municipality)}`;
  out += `,"participantIds":${stringList(entry.participantIds)}`;
  if (entry.purpose !== undefined) out += `,"purpose":${JSON.stringify(entry.purpose)}`;
  return `${out},"roles":${stringList(entry.roles)},"route":${JSON.stringify(entry.route)},"sub":${JSON.stringify(entry.sub)}}`;
};
