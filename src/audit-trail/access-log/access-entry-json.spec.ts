import { canonicalJson } from '@lotse/event-store';
import fc from 'fast-check';
import { AccessEntry } from './access-entry';
import { accessEntryJson } from './access-entry-json';
import { aRead } from './testing/a-read';

const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const texts = fc.array(fc.oneof(text, fc.uuid()), { maxLength: 4 });

/** Any entry of the recorded shape, optional members present or absent (left undefined, as the interceptor does). */
const entries: fc.Arbitrary<AccessEntry> = fc.record({
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  sub: text,
  roles: texts,
  municipality: text,
  route: text,
  participantIds: texts,
  municipalities: texts,
  purpose: fc.option(text, { nil: undefined }),
  action: fc.constantFrom('read', 'unseal', 'export', 'purge'),
  detail: fc.option(fc.dictionary(text, fc.jsonValue()), { nil: undefined }),
});

describe("the access entry's canonical JSON", () => {
  it('is the canonical JSON of the entry, for any entry', () => {
    fc.assert(
      fc.property(entries, (entry) => {
        expect(accessEntryJson(entry)).toBe(canonicalJson(entry));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves out an absent purpose and detail', () => {
    const entry: AccessEntry = { ...aRead('coach-1'), at: '2026-03-01T10:00:00.000Z' };
    expect(accessEntryJson(entry)).toBe(
      '{"action":"read","at":"2026-03-01T10:00:00.000Z","municipalities":["neuss"],"municipality":"neuss",' +
        '"participantIds":["p-coach-1"],"roles":["coach"],"route":"GET /participants/:id","sub":"coach-1"}',
    );
  });
});
