import { inputViolations, MAX_INPUT_DEPTH, stringViolation } from './input-policy';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('stringViolation', () => {
  it.each(['plain', 'tab\there', 'lines\r\n', 'emoji \ud83d\ude00', 'Ümlaut ß', ''])('accepts %j', (value) => {
    expect(stringViolation(value)).toBeUndefined();
  });

  it.each(['\u0000', 'a\u0001', '\u001f', '\u000b', '\ud800', 'a\udc00', '\udbff\udbff', '\ude00\ud83d'])('refuses %j', (value) => {
    expect(stringViolation(value)).toEqual(expect.any(String));
  });
});

describe('inputViolations', () => {
  it('accepts nesting up to the limit and refuses one level more, naming where', () => {
    expect(inputViolations(nested(MAX_INPUT_DEPTH))).toEqual([]);
    expect(inputViolations(nested(MAX_INPUT_DEPTH + 1))).toEqual([
      { field: Array(MAX_INPUT_DEPTH).fill('a').join('.'), message: 'nested deeper than 32 levels' },
    ]);
  });

  it('stops early on a body nested 100,000 levels deep', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(inputViolations(deep)).toHaveLength(1);
  });

  it('names strings with bad characters by their dotted path, without the value', () => {
    expect(inputViolations({ next: { kind: 'a\u0000' }, items: ['ok', '\ud800'] })).toEqual([
      { field: 'next.kind', message: 'next.kind must not contain control characters other than tab, line feed and carriage return' },
      { field: 'items.1', message: 'items.1 must not contain unpaired UTF-16 surrogates' },
    ]);
  });

  it('refuses prototype keys at any depth, as JSON.parse creates them', () => {
    const body = JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":1,"b":[{"prototype":{}}]}');
    expect(inputViolations(body).map((e) => e.field)).toEqual(['a.__proto__', 'constructor', 'b.0.prototype']);
  });

  it('refuses a key with a control character without echoing it', () => {
    expect(inputViolations({ a: { 'x\u0000': 1 } })).toEqual([
      { field: 'a', message: expect.stringMatching(/^a property name must not contain/) },
    ]);
  });

  it('leaves numbers, booleans and null alone', () => {
    expect(inputViolations({ n: 2 ** 63, b: true, z: null })).toEqual([]);
  });
});
