import { INestApplication, Logger } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signTestToken } from '../../src/auth/testing';
import { loadConfig } from '../../src/config';
import { createApp, startApp } from '../../src/create-app';
import { HttpProbeModule, ProbeState } from './http-probe.module';

const SECRET = 'http-conventions-secret-long-enough-000000';
const PROBLEM_JSON = /^application\/problem\+json/;

/** src/http end to end: problem+json, validation, If-Match, Idempotency-Key, OpenAPI. Only the store differs. */
export const httpConventionsScenarios = (eventStoreUrl: () => string) => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let state: ProbeState;
  let keys = 0;
  const freshKey = () => `key-${Date.now()}-${(keys += 1)}`;

  beforeAll(async () => {
    app = await createApp(
      loadConfig({
        EVENT_STORE_URL: eventStoreUrl(),
        LOG_LEVEL: 'silent',
        JWT_SECRET: SECRET,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'lotse-http-')),
      }),
      { extraImports: [HttpProbeModule] },
    );
    await startApp(app);
    http = request(app.getHttpServer());
    state = app.get(ProbeState);
  });
  afterAll(() => app?.close());
  beforeEach(() => state.reset());
  afterEach(() => jest.restoreAllMocks());

  describe('errors as problem+json', () => {
    it('answers a DomainError with the status of its code, the details as members and the request id', async () => {
      const res = await http.post('/probe/refusals').set('X-Request-Id', 'req-dup-1').send({ code: 'duplicate_pathway' }).expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toEqual({
        type: 'tag:lotse,2026:problem:duplicate_pathway',
        title: 'Duplicate pathway',
        status: 409,
        code: 'duplicate_pathway',
        detail: 'refused with duplicate_pathway',
        instance: '/probe/refusals',
        requestId: 'req-dup-1',
        conflicting: { kind: 'coaching', jurisdiction: 'sgb2', from: '2026-01-01', to: '2026-06-30' },
      });
    });

    it('answers a stale version 412 by its error type, and 422 for a code the table does not know', async () => {
      await http.post('/probe/refusals').send({ code: 'version_conflict', status: 412 }).expect(412);
      await http.post('/probe/refusals').send({ code: 'version_conflict' }).expect(409);
      const unknown = await http.post('/probe/refusals').send({ code: 'something_new' }).expect(422);
      expect(unknown.body.code).toBe('something_new');
    });

    it('answers malformed JSON with 400 validation_failed', async () => {
      const res = await http
        .post('/probe/things')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'bad-json-1')
        .send('{"name": "x",')
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'bad-json-1' });
      expect(res.body.detail).toMatch(/^the request body is not valid JSON/);
      expect(res.body.errors).toEqual([{ field: '', message: res.body.detail }]);
      expect(state.calls).toBe(0);
    });

    it('answers a body over the limit with 413 payload_too_large', async () => {
      const res = await http
        .post('/probe/things')
        .send({ name: 'x'.repeat(200 * 1024) })
        .expect(413);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect(state.calls).toBe(0);
    });

    it('answers a malformed :id with 400 naming the field in errors[]', async () => {
      const coach = `Bearer ${signTestToken({ sub: 'c-1', roles: ['coach'], municipality: 'neuss' }, SECRET)}`;
      const res = await http.get('/pathways/nope').set('Authorization', coach).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'id', message: 'must be a UUID' }] });
    });

    it('answers a known path with the wrong method 405 method_not_allowed and an Allow header', async () => {
      const res = await http.delete('/probe/things').set('X-Request-Id', 'wrong-method-1').expect(405);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers.allow).toBe('POST');
      expect(res.body).toMatchObject({ status: 405, code: 'method_not_allowed', instance: '/probe/things', requestId: 'wrong-method-1' });
      expect(res.body.detail).toBe('DELETE is not allowed here; this path answers POST');
      const withParam = await http.put(`/pathways/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).expect(405);
      expect(withParam.headers.allow).toBe('GET, HEAD');
      expect(state.calls).toBe(0);
    });

    it('answers an unknown route with 404 problem+json', async () => {
      const res = await http.get('/no/such/route').set('X-Request-Id', 'lost-1').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 404, code: 'not_found', instance: '/no/such/route', requestId: 'lost-1' });
    });

    it('answers a missing token on a guarded route with 401 problem+json', async () => {
      const res = await http.post('/probe/mine').send({}).expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('answers an unexpected error with 500 internal_error, logged with the request id, telling the client nothing', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      state.failuresLeft = 1;
      const res = await http.post('/probe/things').set('X-Request-Id', 'boom-1').send({ name: 'x' }).expect(500);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 500, code: 'internal_error', requestId: 'boom-1' });
      expect(res.text).not.toMatch(/10\.0\.0\.5|at .*\.ts/);
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(Error), status: 500, requestId: 'boom-1' }),
        'request failed',
      );
    });
    it('logs an expected 503 (read_model_behind) as one warning with its code, no error and no stack', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      await http.post('/probe/refusals').send({ code: 'read_model_behind' }).expect(503);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).toHaveBeenCalledTimes(1);
      const [fields] = warnings.mock.calls[0] as [Record<string, unknown>];
      expect(fields).toMatchObject({ status: 503, code: 'read_model_behind' });
      expect(fields.err).toBeUndefined();
    });

    it('logs no 4xx at all: a refusal is an answer, not a fault', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      await http.post('/probe/refusals').send({ code: 'pathway_exists' }).expect(409);
      await http.post('/probe/things').send({ name: 1 }).expect(400);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    });
  });

  describe('input screening, before any handler', () => {
    const refusedBody = async (raw: string, contentType = 'application/json') => {
      const res = await http.post('/probe/things').set('Content-Type', contentType).send(raw);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(state.calls).toBe(0);
      return res;
    };

    it('refuses JSON nested deeper than 32 levels, even 5,000 deep', async () => {
      const nested = (depth: number) => `{"name":"x","items":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;
      for (const depth of [40, 5_000]) {
        const res = await refusedBody(nested(depth));
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          errors: [expect.objectContaining({ message: 'nested deeper than 32 levels' })],
        });
      }
      await http
        .post('/probe/things')
        .send({ name: 'x', items: [{ on: '2026-02-01' }] })
        .expect(201);
    });

    it.each([
      ['NUL', 'a\\u0000b'],
      ['a bell', 'a\\u0007'],
      ['a lone high surrogate', 'a\\ud800b'],
      ['a lone low surrogate', '\\udc00'],
    ])('refuses a string with %s, naming the field but not the value', async (_what, escaped) => {
      const res = await refusedBody(`{"name":"${escaped}"}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field: 'name', message: expect.stringMatching(/^name must not contain/) }]);
    });

    it('accepts tab, newline, carriage return and paired surrogates', async () => {
      await http.post('/probe/things').send({ name: 'line\tone\r\nline two \ud83d\ude00' }).expect(201);
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth like an unknown field', async (key) => {
      for (const raw of [`{"name":"x","${key}":{"admin":true}}`, `{"name":"x","items":[{"on":"2026-02-01","${key}":{}}]}`]) {
        const res = await refusedBody(raw);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          { field: expect.stringMatching(new RegExp(`${key}$`)), message: `property ${key} should not exist` },
        ]);
      }
    });

    it('refuses a key with a control character and a top-level array', async () => {
      expect((await refusedBody('{"name":"x","a\\u0000":1}')).status).toBe(400);
      expect((await refusedBody('[{"name":"x"}]')).body).toMatchObject({
        status: 400,
        errors: [{ field: '', message: 'the request body must be a JSON object' }],
      });
    });

    it('refuses a query key or value with a control character', async () => {
      // Percent-encoded bytes that are not UTF-8 (a lone surrogate's) arrive as U+FFFD, which is harmless.
      for (const query of ['q=%00', 'q=a%07', 'q=%00&q=x', 'q%00=x']) {
        const res = await http.get(`/probe/versions?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
      }
    });

    it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const res = await refusedBody('name=x', type);
        expect(res.status).toBe(415);
        expect(res.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      }
      await http.post('/probe/things').set('Content-Type', 'application/json; charset=utf-8').send('{"name":"x"}').expect(201);
    });

    it('refuses a malformed If-Match on every write, also where the route ignores it', async () => {
      for (const ifMatch of ['abc', '"-1"', '"1e3"', '"99999999999999999999"', '"1", "2"']) {
        const res = await http.post('/probe/things').set('If-Match', ifMatch).send({ name: 'x' }).expect(400);
        expect(res.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      }
      expect(state.calls).toBe(0);
      await http.post('/probe/things').set('If-Match', '"3"').send({ name: 'x' }).expect(201);
    });
  });

  describe('validation', () => {
    it('refuses an unknown field with 400 validation_failed naming it', async () => {
      const res = await http.post('/probe/things').send({ name: 'x', colour: 'red' }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'colour', message: 'property colour should not exist' }],
      });
      expect(state.calls).toBe(0);
    });

    it('names nested fields by their path and does not echo the values', async () => {
      const res = await http
        .post('/probe/things')
        .send({ name: 42, items: [{ on: '2026-02-01' }, { on: '2026-02-30' }] })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'name', message: 'name must be a string' },
        { field: 'items.1.on', message: 'on must be a calendar date as YYYY-MM-DD between 1900 and 2200' },
      ]);
      expect(res.text).not.toContain('2026-02-30');
    });

    it('reads If-Match into a version, and refuses a malformed one with 400', async () => {
      const read = await http.get('/probe/versions').set('If-Match', '"4"').expect(200);
      expect(read.body).toEqual({ ifMatch: 4 });
      // Only versions are entity tags: the platform adds no content hash of its own.
      expect(read.headers.etag).toBeUndefined();
      expect((await http.get('/probe/versions').set('If-Match', '*').expect(200)).body).toEqual({ ifMatch: null });
      const bad = await http.get('/probe/versions').set('If-Match', '"four"').expect(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'If-Match' }] });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer, body and headers, without running the handler again', async () => {
      const key = freshKey();
      const first = await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'once', count: 1 }).expect(201);
      // The same request, serialised with its keys in another order.
      const again = await http.post('/probe/things').set('Idempotency-Key', key).send({ count: 1, name: 'once' }).expect(201);
      expect(state.calls).toBe(1);
      expect(again.body).toEqual(first.body);
      expect(first.body.key).toBe(key);
      expect(again.headers).toMatchObject({ etag: first.headers.etag, location: first.headers.location, 'idempotent-replayed': 'true' });
      expect(again.headers['content-type']).toMatch(/^application\/json/);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
    });

    it('runs every request without a key', async () => {
      await http.post('/probe/things').send({ name: 'a' }).expect(201);
      await http.post('/probe/things').send({ name: 'a' }).expect(201);
      expect(state.calls).toBe(2);
    });

    it('refuses the same key with another body: 422 idempotency_key_reused', async () => {
      const key = freshKey();
      await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'first' }).expect(201);
      const res = await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'second' }).expect(422);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('idempotency_key_reused');
      expect(state.calls).toBe(1);
    });

    it('refuses the same key on another path too', async () => {
      const key = freshKey();
      await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'first' }).expect(201);
      await http.post('/probe/refusals').set('Idempotency-Key', key).send({ name: 'first' }).expect(422);
    });

    it('answers 409 request_in_progress with Retry-After while the first request runs', async () => {
      const key = freshKey();
      state.hold();
      const first = http
        .post('/probe/things')
        .set('Idempotency-Key', key)
        .send({ name: 'slow' })
        .then((res) => res);
      await waitUntil(() => state.calls === 1);
      const second = await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'slow' }).expect(409);
      expect(second.body.code).toBe('request_in_progress');
      expect(second.headers['retry-after']).toBe('1');
      state.release();
      expect((await first).status).toBe(201);
      await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'slow' }).expect(201).expect('Idempotent-Replayed', 'true');
      expect(state.calls).toBe(1);
    });

    it('runs the handler once for a burst of concurrent requests with one key', async () => {
      const key = freshKey();
      state.delayMs = 50;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          http
            .post('/probe/things')
            .set('Idempotency-Key', key)
            .send({ name: 'burst' })
            .then((res) => res),
        ),
      );
      expect(state.calls).toBe(1);
      expect(answers.filter((res) => res.status === 201 && !res.headers['idempotent-replayed'])).toHaveLength(1);
      for (const res of answers) expect([201, 409]).toContain(res.status);
    });

    it('lets a retry run after a 5xx', async () => {
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const key = freshKey();
      state.failuresLeft = 1;
      await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'retry me' }).expect(500);
      const retry = await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'retry me' }).expect(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(state.calls).toBe(2);
    });

    it('keeps a 4xx answer: the retry gets the same problem without running the handler', async () => {
      const key = freshKey();
      const first = await http
        .post('/probe/refusals')
        .set('Idempotency-Key', key)
        .send({ code: 'version_conflict', status: 412 })
        .expect(412);
      const again = await http
        .post('/probe/refusals')
        .set('Idempotency-Key', key)
        .send({ code: 'version_conflict', status: 412 })
        .expect(412);
      expect(again.body).toEqual(first.body);
      expect(again.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(state.calls).toBe(1);
    });

    it('refuses a key that is empty, too long or not printable with 400', async () => {
      for (const key of ['x'.repeat(201), 'tab\there']) {
        const res = await http.post('/probe/things').set('Idempotency-Key', key).send({ name: 'x' }).expect(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'Idempotency-Key' }] });
      }
      await http.post('/probe/things').set('Idempotency-Key', '').send({ name: 'x' }).expect(400);
      expect(state.calls).toBe(0);
    });

    it("keeps each caller's keys apart (req.user.sub)", async () => {
      const key = freshKey();
      const asCoach = (sub: string) => `Bearer ${signTestToken({ sub, roles: ['coach'], municipality: 'neuss' }, SECRET)}`;
      const one = await http.post('/probe/mine').set('Authorization', asCoach('coach-1')).set('Idempotency-Key', key).send({}).expect(201);
      const two = await http.post('/probe/mine').set('Authorization', asCoach('coach-2')).set('Idempotency-Key', key).send({}).expect(201);
      const oneAgain = await http
        .post('/probe/mine')
        .set('Authorization', asCoach('coach-1'))
        .set('Idempotency-Key', key)
        .send({})
        .expect(201);
      expect([one.body.sub, two.body.sub]).toEqual(['coach-1', 'coach-2']);
      expect(oneAgain.body).toEqual(one.body);
      expect(state.calls).toBe(2);
    });
  });

  describe('OpenAPI', () => {
    it('lists the routes with their refusals by status, the bearer scheme and the Idempotency-Key header', async () => {
      const res = await http.get('/docs-json').expect(200);
      const doc = res.body;
      expect(doc.info.title).toBe('Lotse');
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas.Problem.properties).toHaveProperty('code');
      expect(doc.components.schemas.ThingDto.properties).toHaveProperty('name');
      const create = doc.paths['/probe/things'].post;
      // No catch-all `default`: every refusal is listed by status, with its codes.
      expect(create.responses.default).toBeUndefined();
      expect(create.responses['422'].content['application/problem+json'].schema).toEqual({
        allOf: [
          { $ref: '#/components/schemas/Problem' },
          { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: ['idempotency_key_reused'] } } },
        ],
      });
      expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
      expect(create.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      const read = doc.paths['/probe/versions'].get;
      expect(read.parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      expect(read.parameters).toContainEqual({ $ref: '#/components/parameters/IfMatch' });
      // A route's own codes join those every write may answer.
      expect(
        doc.paths['/probe/refusals'].post.responses['409'].content['application/problem+json'].schema.allOf[1].properties.code.enum,
      ).toEqual(['duplicate_pathway', 'request_in_progress', 'version_conflict']);
    });

    it('serves the UI at /docs', async () => {
      const res = await http.get('/docs').redirects(1).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    });
  });
};

const waitUntil = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
