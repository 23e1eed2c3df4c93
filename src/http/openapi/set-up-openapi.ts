import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { FieldErrorSchema, ProblemSchema } from './problem.schema';

/** The name of the security scheme: `@ApiBearerAuth(BEARER_AUTH)` on a controller. */
export const BEARER_AUTH = 'bearer';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

const WRITE_METHODS = ['post', 'patch', 'delete'] as const;

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

export const buildOpenApiDocument = (app: INestApplication): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Lotse')
    .setDescription(
      'Event-sourced case management for youth transition coaching. Errors are RFC 9457 problem details; ' +
        'writes accept Idempotency-Key; resources carry their version as ETag and honour If-Match.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemSchema, FieldErrorSchema] });
  return withSharedConventions(document);
};

/**
 * What every route has in common is added once here instead of on each handler: the problem
 * response, and the Idempotency-Key header that the global interceptor honours on writes.
 */
const withSharedConventions = (document: OpenAPIObject): OpenAPIObject => {
  for (const path of Object.values(document.paths)) {
    // A path item holds its operations beside `summary`, `parameters` and the like: only objects with responses are operations.
    for (const [method, item] of Object.entries(path as Record<string, unknown>)) {
      if (typeof item !== 'object' || item === null || !('responses' in item)) continue;
      const operation = item as OperationObject;
      operation.responses.default ??= {
        description: 'An error, as RFC 9457 problem details',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) } } },
      };
      if ((WRITE_METHODS as readonly string[]).includes(method)) {
        operation.parameters = [
          ...(operation.parameters ?? []),
          {
            name: IDEMPOTENCY_KEY_HEADER,
            in: 'header',
            required: false,
            description:
              'Makes a retry safe: the same key with the same request gets the first answer again ' +
              '(header `Idempotent-Replayed: true`) instead of running twice. Kept for 24 hours.',
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ];
      }
    }
  }
  return document;
};

/** The UI at /docs and the JSON at /docs-json, built on first request, once every route exists. */
export const setUpOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: OPENAPI_JSON_PATH });
};
