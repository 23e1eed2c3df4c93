import { Answer, OpenApiDocument, ResponseContract } from './support/contract/response-contract';

/** The checker the contract test relies on: it must find what a document does not say. */
describe('the response contract checker', () => {
  const document: OpenApiDocument = {
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              headers: {
                'X-Request-Id': { $ref: '#/components/headers/XRequestId' },
                ETag: { required: true, schema: { type: 'string' } },
              },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            '304': { headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } } },
          },
        },
      },
    },
    components: {
      headers: { XRequestId: { required: true, schema: { type: 'string' } } },
      schemas: {
        Thing: {
          type: 'object',
          required: ['id', 'count', 'day'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', format: 'uuid' },
            count: { type: 'integer' },
            day: { type: 'string', format: 'date' },
            note: { type: 'string', nullable: true },
          },
        },
      },
    },
  };
  const contract = new ResponseContract(document);
  const thing = { id: '3f2c1e7a-9b1d-4c3e-8f00-123456789abc', count: 2, day: '2026-03-01', note: null };
  const answer = (overrides: Partial<Answer> = {}, headers: Record<string, string> = {}): Answer => ({
    method: 'GET',
    path: '/things/{id}',
    status: 200,
    headers: new Headers({
      'x-request-id': 'r-1',
      etag: '"1"',
      'content-type': 'application/json; charset=utf-8',
      date: 'now',
      ...headers,
    }),
    body: JSON.stringify(thing),
    ...overrides,
  });

  it('passes an answer the document describes, general headers included', () => {
    expect(contract.check(answer())).toEqual([]);
  });

  it('finds an undocumented status, header or member, and a missing required header', () => {
    expect(contract.check(answer({ status: 500 }))).toEqual([expect.stringContaining('status not documented')]);
    expect(contract.check(answer({}, { 'x-secret': '1' }))).toEqual([expect.stringContaining('header x-secret is not documented')]);
    expect(contract.check(answer({ body: JSON.stringify({ ...thing, extra: 1 }) }))).toEqual([
      expect.stringContaining('"additionalProperty":"extra"'),
    ]);
    const withoutEtag = answer();
    withoutEtag.headers.delete('etag');
    expect(contract.check(withoutEtag)).toEqual([expect.stringContaining('required header etag is missing')]);
  });

  it('finds a wrong type or format, and a body where none is documented', () => {
    expect(contract.check(answer({ body: JSON.stringify({ ...thing, count: 2.5 }) }))).toEqual([
      expect.stringContaining('must be integer'),
    ]);
    expect(contract.check(answer({ body: JSON.stringify({ ...thing, day: '1 March' }) }))).toEqual([expect.stringContaining('format')]);
    expect(contract.check(answer({ status: 304, body: 'x' }))).toContainEqual(expect.stringContaining('a body where none is documented'));
  });
});
