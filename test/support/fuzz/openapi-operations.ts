/** The little of an OpenAPI 3 document the fuzz suite reads: each operation's parameters and JSON body schema. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface Operation {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI template, e.g. `/pathways/{id}/case-steps`. */
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** `$ref` and single `allOf` replaced by what they point to, so generators see plain schemas. */
const resolve = (schema: JsonSchema, document: OpenApiDocument): JsonSchema => {
  if (schema.$ref) return resolve(document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''] ?? {}, document);
  if (schema.allOf?.length === 1) return resolve({ ...schema, ...schema.allOf[0], allOf: undefined }, document);
  return {
    ...schema,
    ...(schema.items ? { items: resolve(schema.items, document) } : {}),
    ...(schema.properties
      ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, document)])) }
      : {}),
  };
};

/** Every operation of the document, in its order. */
export const operationsOf = (document: OpenApiDocument): Operation[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'delete'].includes(method))
      .map(([method, operation]) => {
        const parameters = operation.parameters ?? [];
        const body = operation.requestBody?.content?.['application/json']?.schema;
        return {
          method: method as Operation['method'],
          path,
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, resolve(p.schema ?? {}, document)])),
          ...(body ? { body: resolve(body, document) } : {}),
        };
      }),
  );
