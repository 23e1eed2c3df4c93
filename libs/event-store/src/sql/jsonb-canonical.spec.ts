import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { canonicalJson, chainContent } from '../canonical-json';
import { canonicalJsonOfJsonbText, chainContentOfJsonbText } from './jsonb-canonical';
import { recordedAtText } from './chain-content-bytes';

/** What jsonb can hold: no NUL character and no lone surrogate in any string or key. */
const storable = (value: unknown): boolean => {
  const json = JSON.stringify(value);
  return !/\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(json);
};

/** A JSON value whose objects keep their members in the order they are to be printed. */
type Printed = null | boolean | number | string | Printed[] | { members: [string, Printed][] };

/** Printed as jsonb prints (`, ` and `: ` between), with each object's members in the order given. */
const jsonbForm = (v: Printed): string =>
  Array.isArray(v)
    ? `[${v.map(jsonbForm).join(', ')}]`
    : v !== null && typeof v === 'object'
      ? `{${v.members.map(([k, m]) => `${JSON.stringify(k)}: ${jsonbForm(m)}`).join(', ')}}`
      : JSON.stringify(v);

const valueOf = (v: Printed): unknown =>
  Array.isArray(v)
    ? v.map(valueOf)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(v.members.map(([k, m]) => [k, valueOf(m)]))
      : v;

describe('canonical JSON of jsonb text', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(() => db.close());

  /** Each value through a jsonb column and back as text, as the verifier reads data and metadata. */
  const throughJsonb = async (values: unknown[]): Promise<string[]> => {
    const { rows } = await db.query<{ t: string }>(
      'select v::jsonb::text as t from unnest($1::text[]) with ordinality as u(v, i) order by i',
      [values.map((v) => JSON.stringify(v))],
    );
    return rows.map((r) => r.t);
  };

  it('is canonicalJson of the value, for any JSON value PostgreSQL stores', async () => {
    const values = fc.sample(fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }).filter(storable), { numRuns: 3_000, seed: 13 });
    const texts = await throughJsonb(values);
    texts.forEach((text, i) => {
      expect(canonicalJsonOfJsonbText(text)).toBe(canonicalJson(values[i]));
      expect(canonicalJsonOfJsonbText(text)).toBe(canonicalJson(JSON.parse(text)));
    });
  });

  it('re-writes numbers, escapes and keys the way canonicalJson does', async () => {
    const values = [
      { b: 1.5, a: 1e21, ä: 1e-7, Z: -0, '10': 2, '9': [0.1, 1.0, 123456789012345680000, -5e-324] },
      { 'quote"key': 'tab\there "q" back\\slash \u001f \u007f \u2028 😀', k: 'ℤ', '𝒜': 'astral sorts before U+FFFD', '\uFFFD': 1 },
      { __proto__: { nested: [{}, [], null, true, false, ''] } } as unknown,
      JSON.parse('{"__proto__": 1, "constructor": {"x": [1, {"y": "z"}]}}'),
      [],
      'just a string',
      42,
      null,
    ];
    const texts = await throughJsonb(values);
    texts.forEach((text, i) => expect(canonicalJsonOfJsonbText(text)).toBe(canonicalJson(values[i])));
  });

  it('is canonicalJson of the value for objects printed with their keys in any order, at any depth', () => {
    const keys = fc.constantFrom('a', 'ab', 'b', 'ba', 'kind', 'note', 'pathwayId', 'occurredAt', 'Z', '_', 'a0', '0');
    const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }));
    const { value } = fc.letrec<{ value: Printed; object: Printed; array: Printed }>((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('object'), tie('array')),
      object: fc.uniqueArray(fc.tuple(keys, tie('value')), { selector: ([k]) => k, maxLength: 6 }).map((members) => ({ members })),
      array: fc.array(tie('value'), { maxLength: 3 }),
    }));
    for (const printed of fc.sample(value, { numRuns: 1_000, seed: 21 })) {
      expect(canonicalJsonOfJsonbText(jsonbForm(printed))).toBe(canonicalJson(valueOf(printed)));
    }
  });

  it('prints recordedAt from microseconds as to_char does', async () => {
    const times = [
      '2026-02-01 08:30:00.123456+00',
      '1999-12-31 23:59:59.999999+00',
      '2000-01-01 00:00:00+00',
      '0099-03-04 05:06:07.008+00',
      '0044-03-15 12:00:00.5+00 BC',
      '10000-01-01 00:00:00.001+00',
    ];
    const { rows } = await db.query<{ micros: string; text: string }>(
      `select ((extract(epoch from t) * 1000000)::numeric - 946684800000000)::text as micros,
              to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as text
         from unnest($1::timestamptz[]) as u(t)`,
      [times],
    );
    for (const r of rows) expect(recordedAtText(Number(r.micros))).toBe(r.text);
  });

  it('falls back to the definition for text outside jsonb printed form', () => {
    expect(canonicalJsonOfJsonbText('{"b":1,"a":2}')).toBe('{"a":2,"b":1}');
    expect(canonicalJsonOfJsonbText('{"a": 1, "a": 2}')).toBe('{"a":2}');
    expect(canonicalJsonOfJsonbText(' [1,  2.50 ]')).toBe('[1,2.5]');
    expect(() => canonicalJsonOfJsonbText('{"a": 1e400}')).toThrow(TypeError);
    expect(() => canonicalJsonOfJsonbText('{"a": nope}')).toThrow(SyntaxError);
  });
});

describe('chain content of jsonb text', () => {
  it('is chainContent of the parsed event', () => {
    const e = {
      eventId: '0b8f6c1e-1111-4222-8333-944445555666',
      type: 'PathwayOpened',
      schemaVersion: 2,
      data: { pathwayId: 'p-1', note: { sealed: 'v1.x' }, kind: 'counselling' },
      metadata: { actor: 'coach-1', causationId: null, role: 'coach' },
      recordedAt: '2026-02-01T08:30:00.000Z',
    };
    const asText = (v: Record<string, unknown>) =>
      `{${Object.keys(v)
        .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
        .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(v[k]).replace(/":/g, '": ').replace(/,"/g, ', "')}`)
        .join(', ')}}`;
    expect(chainContentOfJsonbText('pathway-p-1', { ...e, data: asText(e.data), metadata: asText(e.metadata) })).toBe(
      chainContent('pathway-p-1', e),
    );
  });
});
