import fc from 'fast-check';
import { Operation } from './openapi-operations';
import { FuzzFixtures, validPath, validQuery, validValue } from './valid-input';

/** One HTTP request as the fuzz suite sends it: the body as raw text, so it may be anything. */
export interface FuzzRequest {
  method: Operation['method'];
  path: string;
  /** Raw query string without `?`, already encoded. */
  query: string;
  headers: Record<string, string>;
  body?: string;
  /** The operation's path template, e.g. `/pathways/{id}`. */
  route: string;
  /** What was done to the valid request, for the failure report. */
  mutation: string;
}

/** One line for a report: a 5,000-level body would otherwise fill the screen. */
export const describeRequest = (req: FuzzRequest): string =>
  `${req.method.toUpperCase()} ${req.path}${req.query ? `?${req.query.slice(0, 200)}` : ''} ${JSON.stringify(req.headers)} [${req.mutation}]` +
  (req.body === undefined ? '' : ` body ${req.body.length > 300 ? `${req.body.slice(0, 300)}… (${req.body.length} chars)` : req.body}`);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const C0 = fc
  .integer({ min: 0, max: 31 })
  .filter((c) => ![9, 10, 13].includes(c))
  .map((c) => String.fromCharCode(c));
const hostileString = fc.oneof(
  fc.tuple(fc.string(), C0, fc.string()).map(([a, c, b]) => a + c + b),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'a\uDC00b',
    '\uDBFF\uDBFF',
    '\uDFFF\uD800',
    'x'.repeat(20_000),
    '',
    ' ',
    '9999-12-31',
    '0000-01-01',
    '2099-01-01',
    '2026-02-30',
    '2026-02-01T25:00:00Z',
    '../../etc/passwd',
    '${jndi:ldap://x}',
    '<script>',
    "' or 1=1 --",
  ),
  fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
);
const hugeNumber = fc.constantFrom(2 ** 63, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1.5, 1e-300, 2 ** 31, 2 ** 53);
const DEEP = '"\u2063deep\u2063"';
// DEEP is a string, so a Json too; the request builder replaces it with nesting deeper than the limit.
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, [], {}, true, false, [[]], [null], [{}], { '': null }),
  hostileString,
  hugeNumber,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constant(DEEP),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', '', 'a\u0000', '\uD800', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 10 }),
);

/** Every node of a JSON value with its path, the root first. */
const nodesOf = (value: Json, path: Path = []): { path: Path; value: Json }[] => [
  { path, value },
  ...(Array.isArray(value)
    ? value.flatMap((v, i) => nodesOf(v, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => nodesOf(v, [...path, k]))
      : []),
];

/** Sets an own property even for `__proto__`, as JSON.parse would. */
const define = (target: object, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

const replaceAt = (root: Json, path: Path, replacement: (node: Json) => unknown): unknown => {
  if (path.length === 0) return replacement(root);
  const copy = structuredClone(root) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  define(parent, last, replacement(parent[last]));
  return copy;
};

type BodyMutation = (body: Json) => fc.Arbitrary<{ text: string; mutation: string }>;
const at = (body: Json) =>
  fc.nat().map((n) => {
    const nodes = nodesOf(body);
    return nodes[n % nodes.length];
  });
const text = (value: unknown, depth: number) => JSON.stringify(value).replace(DEEP, `${'['.repeat(depth)}${']'.repeat(depth)}`);

const poison = fc.oneof(C0, fc.constantFrom('\u0000', '\uD800', '\uDFFF'));

const bodyMutations: BodyMutation[] = [
  // Most fields are strings, and strings are where PostgreSQL refuses what JSON allows: poisoned often.
  (body) => {
    const strings = nodesOf(body).filter((n) => typeof n.value === 'string');
    if (strings.length === 0) return fc.constant({ text: JSON.stringify(body), mutation: 'none (no string field)' });
    return fc.tuple(fc.constantFrom(...strings), poison, fc.nat()).map(([node, bad, at]) => {
      const value = node.value as string;
      const cut = at % (value.length + 1);
      return {
        text: JSON.stringify(replaceAt(body, node.path, () => value.slice(0, cut) + bad + value.slice(cut))),
        mutation: `${node.path.join('.')} poisoned with U+${bad.charCodeAt(0).toString(16).padStart(4, '0')}`,
      };
    });
  },
  (body) =>
    fc.tuple(at(body), hostileValue, fc.integer({ min: 33, max: 5_000 })).map(([node, value, depth]) => ({
      text: text(
        replaceAt(body, node.path, () => value),
        depth,
      ),
      mutation: `${node.path.join('.') || 'body'} := ${String(JSON.stringify(value)).slice(0, 60)}`,
    })),
  (body) =>
    at(body).map((node) => ({
      text: JSON.stringify(replaceAt(body, node.path, (n) => (Array.isArray(n) ? { ...n } : [n]))),
      mutation: `${node.path.join('.') || 'body'} array<->object`,
    })),
  (body) =>
    fc
      .tuple(
        at(body).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value)),
        hostileKey,
        hostileValue,
      )
      .map(([node, key, value]) => ({
        text: text(
          replaceAt(body, node.path, (n) => define(structuredClone(n) as object, key, value)),
          40,
        ),
        mutation: `${node.path.join('.') || 'body'}[${JSON.stringify(key)}] added`,
      })),
  (body) =>
    at(body)
      .filter((n) => n.path.length > 0)
      .map((node) => {
        const parentPath = node.path.slice(0, -1);
        const key = node.path[node.path.length - 1];
        return {
          text: JSON.stringify(
            replaceAt(body, parentPath, (parent) =>
              Array.isArray(parent)
                ? parent.filter((_v, i) => i !== key)
                : Object.fromEntries(Object.entries(parent as object).filter(([k]) => k !== key)),
            ),
          ),
          mutation: `${node.path.join('.')} removed`,
        };
      }),
  () =>
    fc
      .constantFrom(
        'null',
        '[]',
        '"text"',
        '42',
        '{',
        '{"a":1,}',
        '\u0000',
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      )
      .map((raw) => ({ text: raw, mutation: `body is ${raw.slice(0, 30)}` })),
];

/** Percent-encodes every UTF-8 byte; unlike encodeURIComponent it does not throw on a lone surrogate (sent as U+FFFD). */
const percentEncode = (value: string) => [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

const hostileQueryValue = fc.oneof(
  fc.constantFrom(
    '%00',
    '%01',
    '1e400',
    '9223372036854775808',
    '9007199254740993',
    '-1',
    '1.5',
    '',
    '%ED%A0%80',
    'NaN',
    'Infinity',
    '0x10',
    '%20',
    '__proto__',
  ),
  hostileString.map(percentEncode),
);

interface Valid {
  path: string;
  query: Record<string, unknown>;
  body?: Json;
}

const encodeQuery = (query: Record<string, unknown>) =>
  Object.entries(query)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(String(v))}`)
    .join('&');

type RequestMutation = (operation: Operation, valid: Valid) => fc.Arbitrary<Partial<FuzzRequest> & { mutation: string }>;

const requestMutations: RequestMutation[] = [
  (_op, valid) =>
    fc.constant({ mutation: 'none (valid request)', body: valid.body === undefined ? undefined : JSON.stringify(valid.body) }),
  (_op, valid) =>
    valid.body === undefined
      ? fc.constant({ mutation: 'none (valid request)' })
      : fc.oneof(...bodyMutations.map((m) => m(valid.body as Json))).map(({ text: body, mutation }) => ({ body, mutation })),
  (op, valid) =>
    fc
      .tuple(
        fc.oneof(
          { weight: Object.keys(op.query).length > 0 ? 4 : 0, arbitrary: fc.constantFrom(...Object.keys(op.query), 'minPosition') },
          { weight: 1, arbitrary: fc.constantFrom('minPosition', 'page', 'unknown', '__proto__', 'a[b]') },
        ),
        hostileQueryValue,
        fc.boolean(),
      )
      .map(([name, value, twice]) => ({
        query: `${encodeQuery(valid.query)}&${name}=${value}${twice ? `&${name}=1` : ''}`,
        mutation: `query ${name}=${value}`,
      })),
  (_op, valid) =>
    fc
      .tuple(
        fc.nat(),
        fc.constantFrom('not-a-uuid', '%00', '%ED%A0%80', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'x'.repeat(300), '%2e%2e', '0'),
      )
      .map(([n, replacement]) => {
        const segments = valid.path.split('/');
        const index = 1 + (n % Math.max(segments.length - 1, 1));
        segments[index] = replacement;
        return { path: segments.join('/'), mutation: `path segment ${index} := ${replacement.slice(0, 20)}` };
      }),
  () =>
    fc
      .oneof(
        fc.constantFrom('abc', '"-1"', 'W/', '"1"x', '', '"1", "2"', '"99999999999999999999"', '*, "1"'),
        fc.string({ maxLength: 20 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
      )
      .map((ifMatch) => ({ headers: { 'If-Match': ifMatch }, mutation: `If-Match: ${ifMatch}` })),
  (_op, valid) =>
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
      )
      .map((type) => ({
        headers: { 'Content-Type': type },
        body: JSON.stringify(valid.body ?? { a: 1 }),
        mutation: `Content-Type: ${type}`,
      })),
];

/** A request to `operation`: valid from the schema, then (mostly) broken in one way. */
export const hostileRequest = (operation: Operation, fixtures: FuzzFixtures): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      path: validPath(operation, fixtures),
      query: validQuery(operation, fixtures),
      body: operation.body ? (validValue(operation.body, fixtures) as fc.Arbitrary<Json>) : fc.constant(undefined),
    })
    .chain((valid) =>
      fc
        .oneof(...requestMutations.map((mutate, i) => ({ weight: i === 1 ? 4 : 1, arbitrary: mutate(operation, valid) })))
        .map((changed): FuzzRequest => ({
          route: operation.path,
          method: operation.method,
          path: changed.path ?? valid.path,
          query: changed.query ?? encodeQuery(valid.query),
          headers: { 'Content-Type': 'application/json', ...changed.headers },
          body: 'body' in changed ? changed.body : valid.body === undefined ? undefined : JSON.stringify(valid.body),
          mutation: changed.mutation,
        }))
        .map((req) => Object.assign(req, { [fc.toStringMethod]: () => describeRequest(req) })),
    );
