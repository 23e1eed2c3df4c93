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

  it('writes integer-like keys, a __proto__ key, dates and nested odd members as the definition does', () => {
    const parsed = JSON.parse('{"__proto__":{"b":1,"a":2},"x":1}') as unknown;
    for (const value of [
      { 10: 'ten', 9: 'nine', b: { 2: true, a: [] } },
      parsed,
      { when: new Date(0), inner: { z: 1, y: [undefined, { d: 1, c: 2 }] } },
      [{ b: 1, a: 2 }, { 0: 'x' }],
      { f: () => 1, a: 1 },
    ]) {
      expect(canonicalJson(value)).toBe(reference(value));
    }
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"a":2,"b":1},"x":1}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => canonicalJson({ 1: { n: Number.NaN } })).toThrow(TypeError);
  });
});
