import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The definition written as plainly as possible, to hold the fast one to it. */
const reference = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
};

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units and writes no whitespace, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('drops undefined members and writes undefined array elements as null', () => {
    expect(canonicalJson({ b: undefined, a: [1, undefined, { ä: 'x', Z: true }], 'a-b': null })).toBe(
      '{"a":[1,null,{"Z":true,"ä":"x"}],"a-b":null}',
    );
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });
});
