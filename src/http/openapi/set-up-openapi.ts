import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { UUID_PARAMS } from '../uuid-param';
import { OPERATION_SPEC, OperationSpec } from './api-operation.decorator';
import { BEARER_AUTH, DeclaredAccess, OperationFacts, withConventions } from './openapi-conventions';
import { FieldErrorSchema, ProblemSchema } from './problem.schema';

export { BEARER_AUTH } from './openapi-conventions';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** Reads who may call a handler (`@Public()`, `@Roles()`); given by the app, because http knows nothing of auth. */
export type AccessReader = (controller: Type<unknown>, handler: (...args: unknown[]) => unknown) => DeclaredAccess;

/**
 * The headers any answer may carry besides those its operation documents: HTTP's own, the
 * browser-security headers (helmet), caching and CORS. The contract test allows exactly these.
 */
export const GENERAL_RESPONSE_HEADERS = [
  'Content-Type',
  'Content-Length',
  'Date',
  'Connection',
  'Keep-Alive',
  'Transfer-Encoding',
  'Vary',
  'Cache-Control',
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers',
  'Content-Security-Policy',
  'Cross-Origin-Opener-Policy',
  'Cross-Origin-Resource-Policy',
  'Origin-Agent-Cluster',
  'Referrer-Policy',
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'X-DNS-Prefetch-Control',
  'X-Download-Options',
  'X-Frame-Options',
  'X-Permitted-Cross-Domain-Policies',
  'X-XSS-Protection',
] as const;

const DESCRIPTION = [
  'Event-sourced case management for youth transition coaching.',
  '',
  '- **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable `code`; each operation lists, per status, the codes it can answer. A 400 always carries `errors[]`.',
  '- **Writes** accept `Idempotency-Key`; a replayed answer carries `Idempotent-Replayed: true`.',
  '- **Versions**: a resource carries its version as `ETag`; writes that honour `If-Match` answer 412 when it has moved on. Reads that show an `ETag` answer 304 to a matching `If-None-Match`.',
  '- **Read your write**: a write answers `position`; pass it as `minPosition` to a list to wait (at most 2 s, then 503 `read_model_behind`) until the list shows it.',
  '- **Every answer** carries `X-Request-Id`; answers with personal data carry `Cache-Control: no-store`. ' +
    'Besides the headers each operation lists, an answer carries only these transport, caching, CORS and browser-security headers, ' +
    `which are not repeated per operation: ${GENERAL_RESPONSE_HEADERS.map((name) => `\`${name}\``).join(', ')}.`,
].join('\n');

const TOKEN_DESCRIPTION = [
  'A JWT with the claims `sub`, `roles` (any of `coach`, `coordinator`, `auditor`, `admin`) and `municipality` (the tenant).',
  'Each operation names the roles it admits; a coach, coordinator or auditor only reaches resources of their own municipality (an admin reaches all).',
  '',
  '- **Development**: `npm run --silent token -- --role coach --municipality neuss --sub coach-1` prints a token signed with the app’s own secret.',
  '- **Production** (`JWT_JWKS_URL`, `JWT_ISSUER`, `JWT_AUDIENCE` set): an RS256 access token of the configured OIDC provider (Keycloak in the docker compose setup) for the audience `JWT_AUDIENCE`; development tokens are refused.',
].join('\n');

const TAGS = [
  { name: 'participants', description: 'Young people in coaching: registration, residence status, entitlements, needs, erasure.' },
  { name: 'pathways', description: 'Measures a participant takes part in, their case steps, and how they end.' },
  {
    name: 'measure-career guard',
    description: 'The rules that keep a career free of duplicate or unsuitable measures, and their overrides.',
  },
  { name: 'duplicates', description: 'Registrations that may be the same person: listing, merging, dismissing.' },
  { name: 'offers', description: 'The offer catalogue of a municipality and its places.' },
  {
    name: 'statistics',
    description: 'Anonymised figures of pathways, outputs, careers and needs against offers, as JSON or CSV, and their page.',
  },
  { name: 'reports', description: 'Statistics stored as reports at a log position, and reproduced from the log.' },
  {
    name: 'audit',
    description: 'The verifiable log (checkpoints, proofs, verification, export) and the audit trail (history, decisions, access).',
  },
  { name: 'operations', description: 'Health, metrics and the read models, for operators.' },
];

export const buildOpenApiDocument = (app: INestApplication, accessOf: AccessReader): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Lotse')
    .setVersion('0.1.0')
    .setDescription(DESCRIPTION)
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: TOKEN_DESCRIPTION }, BEARER_AUTH)
    .build();
  config.tags = TAGS;
  // Not open source: a name and no licence text to link to (DocumentBuilder would add an empty url and contact).
  config.info = { ...config.info, license: { name: 'Proprietary' } };
  delete config.info.contact;
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemSchema, FieldErrorSchema] });
  const facts = operationFacts(app, accessOf);
  return withConventions(document, (operationId) => facts.get(operationId));
};

/**
 * Each route's spec and access by the operation id Swagger gives it (`<Controller>_<method>`):
 * read from the handlers themselves, so the document cannot say other than the code does.
 */
const operationFacts = (app: INestApplication, accessOf: AccessReader): Map<string, OperationFacts> => {
  const facts = new Map<string, OperationFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const route = handler as (...args: unknown[]) => unknown;
        const spec = Reflect.getMetadata(OPERATION_SPEC, route) as OperationSpec | undefined;
        const uuidParams = (Reflect.getMetadata(UUID_PARAMS, route) as string[] | undefined) ?? [];
        facts.set(`${controller.name}_${name}`, { spec, access: accessOf(controller, route), uuidParams });
      }
    }
  }
  return facts;
};

/** The UI at /docs and the JSON at /docs-json, built on first request, once every route exists. */
export const setUpOpenApi = (app: INestApplication, accessOf: AccessReader): void => {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app, accessOf), { jsonDocumentUrl: OPENAPI_JSON_PATH });
};
