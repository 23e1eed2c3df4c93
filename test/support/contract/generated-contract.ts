import { INestApplication } from '@nestjs/common';
import { declaredAccess } from '../../../src/auth';
import { buildOpenApiDocument } from '../../../src/http';
import { formatted, OPENAPI_FILE } from './contract-files';

/** The OpenAPI document a running app serves, as docs/openapi.json holds it. */
export const documentTextOf = (app: INestApplication): Promise<string> =>
  formatted(JSON.stringify(buildOpenApiDocument(app, declaredAccess)), OPENAPI_FILE);
