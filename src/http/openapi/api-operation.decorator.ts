import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { DomainErrorCode } from '@lotse/domain';

/** The statuses a route may name refusals for; the ones every route shares are added by the document builder. */
export type RouteProblemStatus = 400 | 403 | 404 | 409 | 422 | 503;

/** A route's own refusals: per status, the `code`s it answers with. */
export type RouteProblems = Partial<Record<RouteProblemStatus, readonly DomainErrorCode[]>>;

export interface SuccessAnswer {
  status: 200 | 201 | 202;
  description: string;
  /** The body's class (`[Class]` for an array); absent only for a body that is not JSON (`text/plain`). */
  type?: Type<unknown> | [Type<unknown>];
  /** A body other than JSON, e.g. Prometheus' text format. */
  contentType?: string;
  /** The answer carries the resource's version as `ETag`. */
  etag?: boolean;
  /** The answer names the new resource's path in `Location`. */
  location?: boolean;
  /** The same answer in other media types, by content negotiation (e.g. `text/csv` beside JSON): their schemas. */
  alternatives?: Record<string, SchemaObject>;
  /** Headers of this answer besides the shared ones (X-Request-Id, ETag, Location, …), e.g. `Content-Disposition`. */
  headers?: Record<string, HeaderObject>;
}

/**
 * Everything the OpenAPI document says about one route, in one place next to the route:
 *
 *   @ApiOperationFor({
 *     summary: 'Abort a pathway',
 *     description: 'Ends the pathway without its goal; it counts towards R3 from then on.',
 *     answers: { status: 200, type: WriteResult, description: 'the pathway, aborted', etag: true },
 *     problems: { 404: ['not_found'], 409: ['pathway_not_active'], 422: ['outcome_not_an_abort'] },
 *     ifMatch: true,
 *   })
 *
 * Who may call it is read from the route's own `@Roles`/`@Public`, so the document cannot
 * disagree with the guards. What every route shares — 401/403 for a token, 429, 500/503, the
 * writes' Idempotency-Key with its 409/422, `minPosition`'s 503, X-Request-Id — is added by the
 * document builder (`withConventions`), so a route names only what is its own.
 */
export interface OperationSpec {
  /** A few words, imperative: what a client does with it. */
  summary: string;
  /** What it does, for someone writing a client. The roles are appended. */
  description: string;
  answers: SuccessAnswer;
  problems?: RouteProblems;
  /** The write honours `If-Match` (412 version_conflict with `actual`). */
  ifMatch?: boolean;
  /** The read answers 304 to an `If-None-Match` that names its current ETag (ConditionalGetInterceptor compares them). */
  conditional?: boolean;
}

export const OPERATION_SPEC = 'lotse:openapi-operation';

export const ApiOperationFor = (spec: OperationSpec): MethodDecorator => {
  const { answers } = spec;
  const model = Array.isArray(answers.type) ? answers.type[0] : answers.type;
  const content: Record<string, { schema: SchemaObject | ReferenceObject }> = {};
  if (answers.contentType) content[answers.contentType] = { schema: { type: 'string' } };
  for (const [mediaType, schema] of Object.entries(answers.alternatives ?? {})) content[mediaType] = { schema };
  // With other media types beside JSON, the JSON body is written out here too (Swagger's `type` would stand alone).
  if (model && Object.keys(content).length > 0) {
    const ref = { $ref: getSchemaPath(model) };
    content['application/json'] = { schema: Array.isArray(answers.type) ? { type: 'array', items: ref } : ref };
  }
  const decorators: MethodDecorator[] = [
    SetMetadata(OPERATION_SPEC, spec),
    ApiOperation({ summary: spec.summary, description: spec.description }),
    ApiResponse({
      status: answers.status,
      description: answers.description,
      ...(Object.keys(content).length > 0 ? { content } : answers.type ? { type: answers.type } : {}),
      ...(answers.headers ? { headers: answers.headers } : {}),
    }),
  ];
  if (model) decorators.push(ApiExtraModels(model));
  return applyDecorators(...decorators);
};
