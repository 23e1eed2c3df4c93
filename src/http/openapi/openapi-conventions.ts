import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { REPLAYED_HEADER } from '../idempotency/idempotency.interceptor';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import type { OperationSpec } from './api-operation.decorator';

/** Who may call a route, as its `@Public()` / `@Roles()` say (read by the caller: http knows nothing of auth). */
export type DeclaredAccess = { public: true } | { public: false; roles: readonly string[] };

/** What the builder knows of one operation besides the document: its spec (if the route has one) and its access. */
export interface OperationFacts {
  spec?: OperationSpec;
  access: DeclaredAccess;
  /** Path parameters taken with `@UuidParam`: anything but a UUID is a 400. */
  uuidParams: readonly string[];
}

export const BEARER_AUTH = 'bearer';

const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

/** Shared header definitions; every answer refers to them by `$ref`. */
const HEADERS: Record<string, HeaderObject> = {
  XRequestId: {
    required: true,
    description: 'The request id: the caller’s own if it sent a sane `X-Request-Id`, else a new one. Quote it in a bug report.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._~:=+/-]{1,128}$' },
  },
  ETag: {
    required: true,
    description: 'The resource’s version (its stream version) as a strong entity tag; send it back as `If-Match`.',
    schema: { type: 'string', pattern: '^"(0|[1-9][0-9]*)"$', example: '"3"' },
  },
  Location: {
    required: true,
    description: 'The path of the resource the request created, e.g. `/pathways/{id}`.',
    schema: { type: 'string', example: '/pathways/3f2c1e7a-9b1d-4c3e-8f00-123456789abc' },
  },
  IdempotentReplayed: {
    description: 'Present (`true`) when this is the stored answer of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: {
    description: 'Seconds to wait before asking again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

const header = (name: keyof typeof HEADERS): ReferenceObject => ({ $ref: `#/components/headers/${name}` });

/** Shared request headers. */
const PARAMETERS: Record<string, ParameterObject> = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The ETag the change is based on, e.g. `"3"`: 412 `version_conflict` (with `actual`) when the resource has moved on. ' +
      '`*` or absent: any version.',
    schema: { type: 'string', example: '"3"' },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'An ETag from an earlier answer: 304 without a body while the resource is still at that version.',
    schema: { type: 'string', example: '"3"' },
  },
  IdempotencyKey: {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the same key with the same request gets the first answer again (header ' +
      '`Idempotent-Replayed: true`) instead of running twice; the key with another request is 422 ' +
      '`idempotency_key_reused`. Kept for 24 hours, per caller.',
    schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x20-\\x7E]+$' },
  },
};

const parameter = (name: keyof typeof PARAMETERS): ReferenceObject => ({ $ref: `#/components/parameters/${name}` });

/** What each status means to a client, whatever the route. */
const STATUS_MEANINGS: Record<number, string> = {
  400: 'The request is malformed; `errors` names each invalid field or header',
  401: 'No valid bearer token',
  403: 'The token’s roles do not admit this route, or the resource belongs to another municipality',
  404: 'Not found (or not visible to the caller)',
  409: 'Refused by the current state of the resource',
  412: 'The resource is no longer at the version `If-Match` named; `actual` is its version now',
  413: 'The body exceeds the size limit',
  415: 'The body is not `application/json`',
  422: 'Well-formed, but the facts in it cannot be right',
  429: 'Too many requests; `retryAfterSeconds` and `Retry-After` say when to try again',
  500: 'The server failed; quote `requestId` when reporting it',
  503: 'Not available right now; `Retry-After` says when to try again',
};

const STATUS_MEANINGS_WITH_RETRY: ReadonlySet<number> = new Set([409, 429, 503]);

/**
 * What every route shares, added to each operation: the refusals of the global guards,
 * interceptors and filters, by status. A route's own (`problems` of its spec) are added to these.
 */
const sharedProblems = (method: string, operation: OperationObject, facts: OperationFacts | undefined): Map<number, Set<string>> => {
  const problems = new Map<number, Set<string>>();
  const add = (status: number, ...codes: string[]) => {
    const set = problems.get(status) ?? new Set<string>();
    for (const code of codes) set.add(code);
    problems.set(status, set);
  };
  // Every request's query and body are screened, whatever the route: a body a GET does not need
  // is still refused when it is too large or not JSON.
  add(400, 'validation_failed');
  add(413, 'payload_too_large');
  add(415, 'unsupported_media_type');
  if (!facts || !facts.access.public) {
    add(401, 'unauthenticated');
    add(403, 'forbidden');
    // Failed authentications from one address are limited before the token is even checked.
    add(429, 'too_many_requests');
  }
  if (WRITE_METHODS.has(method)) {
    add(409, 'request_in_progress', 'version_conflict');
    add(422, 'idempotency_key_reused');
  }
  if (facts?.spec?.ifMatch) add(412, 'version_conflict');
  // A read that waits for its read model (`minPosition`) gives up after a while.
  if ((operation.parameters ?? []).some((p) => 'name' in p && p.name === 'minPosition')) add(503, 'read_model_behind');
  add(500, 'internal_error');
  add(503, 'store_unavailable');
  for (const [status, codes] of Object.entries(facts?.spec?.problems ?? {})) add(Number(status), ...(codes ?? []));
  return problems;
};

const problemResponse = (status: number, codes: ReadonlySet<string>, write: boolean): ResponseObject => {
  const list = [...codes].sort();
  const headers: Record<string, ReferenceObject> = { 'X-Request-Id': header('XRequestId') };
  if (STATUS_MEANINGS_WITH_RETRY.has(status)) headers['Retry-After'] = header('RetryAfter');
  // A refusal of a write with an Idempotency-Key is kept and replayed (not 429 or 5xx, which may pass).
  if (write && status < 500 && status !== 429) headers[REPLAYED_HEADER] = header('IdempotentReplayed');
  const schema: SchemaObject = {
    allOf: [
      { $ref: '#/components/schemas/Problem' },
      { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: list } } },
    ],
  };
  return {
    description: `${STATUS_MEANINGS[status] ?? 'Refused'}. \`code\`: ${list.map((code) => `\`${code}\``).join(', ')}.`,
    headers,
    content: { [PROBLEM_CONTENT_TYPE]: { schema } },
  };
};

const rolesSentence = (access: DeclaredAccess): string =>
  access.public
    ? '**Who may call it:** anyone, without a token.'
    : `**Who may call it:** ${access.roles.map((r) => `\`${r}\``).join(', ')}.`;

/**
 * The document as a generated client needs it: every answer with its headers and every refusal
 * with its codes, shared headers and parameters by reference, exact schemas (no unknown members
 * either way), who may call each operation, and the document-level parts (servers, tags).
 */
export const withConventions = (document: OpenAPIObject, factsOf: (operationId: string) => OperationFacts | undefined): OpenAPIObject => {
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...HEADERS },
    parameters: { ...document.components?.parameters, ...PARAMETERS },
  };
  for (const schema of Object.values(document.components.schemas ?? {})) closeObjects(schema);

  for (const path of Object.values(document.paths)) {
    for (const [method, item] of Object.entries(path as Record<string, unknown>)) {
      // A path item holds its operations beside `summary`, `parameters` and the like: only objects with responses are operations.
      if (typeof item !== 'object' || item === null || !('responses' in item)) continue;
      const operation = item as OperationObject;
      const facts = operation.operationId ? factsOf(operation.operationId) : undefined;
      describeOperation(method, operation, facts);
    }
  }
  return document;
};

const describeOperation = (method: string, operation: OperationObject, facts: OperationFacts | undefined): void => {
  const write = WRITE_METHODS.has(method);
  const spec = facts?.spec;
  if (facts) {
    operation.description = [operation.description, rolesSentence(facts.access)].filter(Boolean).join('\n\n');
    operation.security = facts.access.public ? [] : [{ [BEARER_AUTH]: [] }];
  }
  const parameters = (operation.parameters ?? []).map((p) =>
    'in' in p && p.in === 'path' && facts?.uuidParams.includes(p.name)
      ? { ...p, description: p.description ?? 'a UUID; anything else is answered 400', schema: { type: 'string', format: 'uuid' } }
      : p,
  );
  if (spec?.ifMatch) parameters.push(parameter('IfMatch'));
  if (spec?.conditional) parameters.push(parameter('IfNoneMatch'));
  if (write) parameters.push(parameter('IdempotencyKey'));
  operation.parameters = parameters;

  const responses = operation.responses;
  delete responses.default;
  for (const [status, response] of Object.entries(responses)) {
    if (!response || Number(status) >= 400 || '$ref' in response) continue;
    response.headers = {
      ...response.headers,
      'X-Request-Id': header('XRequestId'),
      ...(spec?.answers.etag ? { ETag: header('ETag') } : {}),
      ...(spec?.answers.location ? { Location: header('Location') } : {}),
      ...(write ? { [REPLAYED_HEADER]: header('IdempotentReplayed') } : {}),
    };
  }
  if (spec?.conditional) {
    responses['304'] = {
      description: 'Not modified: the resource is still at the version `If-None-Match` named.',
      headers: { 'X-Request-Id': header('XRequestId'), ETag: header('ETag') },
    };
  }
  // A status the route documents itself (its own body) keeps the route's word.
  for (const [status, codes] of sharedProblems(method, operation, facts))
    responses[String(status)] ??= problemResponse(status, codes, write);
  for (const response of Object.values(responses)) {
    if (response && !('$ref' in response)) response.headers = { 'X-Request-Id': header('XRequestId'), ...response.headers };
  }
};

/**
 * Request bodies refuse unknown members (the validation pipe's whitelist) and answers carry none
 * beyond their schema, so every object schema says so: a client can trust that what it does not
 * know is not there.
 */
const closeObjects = (schema: SchemaObject | ReferenceObject): void => {
  if ('$ref' in schema) return;
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  for (const property of Object.values(schema.properties ?? {})) closeObjects(property);
  if (schema.items) closeObjects(schema.items);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) closeObjects(part);
};
