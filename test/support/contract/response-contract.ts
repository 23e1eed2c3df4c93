import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { GENERAL_RESPONSE_HEADERS } from '../../../src/http';

/**
 * Checks an answer against the OpenAPI document the app serves: its status is listed for the
 * operation (there is no `default` to fall back on), every header is either documented for that
 * answer or one of the general ones the document names once, required headers are there, header
 * values and the body match their schemas, and the body has no member the schema does not name
 * (the document closes every object). Answers a list of what is wrong; empty when nothing is.
 */
export class ResponseContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    // `strict: false`: OpenAPI's own keywords (example, nullable turned into anyOf below, …) are not JSON Schema's.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(document.components ?? {}) });
  }

  check(answer: Answer): string[] {
    const where = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
    const operation = this.document.paths[answer.path]?.[answer.method.toLowerCase()];
    if (!operation) return [`${where}: no such operation in the document`];
    const response = operation.responses[String(answer.status)];
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    return [...this.checkHeaders(where, response, answer.headers), ...this.checkBody(where, answer, response)].map((p) => `${where}: ${p}`);
  }

  private checkHeaders(where: string, response: ResponseObject, headers: Headers): string[] {
    const problems: string[] = [];
    const documented = new Map(Object.entries(response.headers ?? {}).map(([name, h]) => [name.toLowerCase(), this.resolve(h)]));
    headers.forEach((value, name) => {
      if (GENERAL.has(name)) return;
      const header = documented.get(name);
      if (!header) return problems.push(`header ${name} is not documented`);
      const schema = header.schema ?? {};
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
      const validate = this.validator(`${where} header ${name}`, schema);
      if (!validate(typed)) problems.push(`header ${name}: ${this.ajv.errorsText(validate.errors)} (value ${value})`);
    });
    for (const [name, header] of documented) if (header.required && !headers.has(name)) problems.push(`required header ${name} is missing`);
    return problems;
  }

  private checkBody(where: string, answer: Answer, response: ResponseObject): string[] {
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) return answer.body === '' ? [] : ['a body where none is documented'];
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = content[mediaType];
    if (!media) return [`content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`];
    let body: unknown = answer.body;
    // JSON and its `+json` kinds are parsed; NDJSON, CSV, HTML and the like stay text.
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
      try {
        body = JSON.parse(answer.body);
      } catch {
        return ['the body is not JSON'];
      }
    }
    const validate = this.validator(`${where} ${mediaType}`, media.schema ?? {});
    return validate(body) ? [] : [`body: ${describeErrors(validate)}`];
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private resolve(header: HeaderObject | { $ref: string }): HeaderObject {
    if (!('$ref' in header)) return header;
    const name = header.$ref.split('/').at(-1) ?? '';
    return this.document.components?.headers?.[name] ?? {};
  }
}

const DOCUMENT_ID = 'lotse-openapi';

/** Ajv's errors with the member they are about, which its own text leaves out for additionalProperties. */
const describeErrors = (validate: ValidateFunction): string =>
  (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');
const GENERAL: ReadonlySet<string> = new Set(GENERAL_RESPONSE_HEADERS.map((name) => name.toLowerCase()));

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` becomes "or null" (ajv's own `nullable`
 * ignores `allOf`, which is how Nest writes a nullable object), and local `$ref`s point into the
 * document registered under DOCUMENT_ID.
 */
const toJsonSchema = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(rest)) {
    converted[key] =
      key === '$ref' && typeof member === 'string' && member.startsWith('#/') ? `${DOCUMENT_ID}${member}` : toJsonSchema(member);
  }
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
};

export interface Answer {
  method: string;
  /** The path template as the document names it, e.g. `/pathways/{id}`. */
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

type Schema = Record<string, unknown> & { type?: string };

interface HeaderObject {
  required?: boolean;
  schema?: Schema;
}

interface ResponseObject {
  headers?: Record<string, HeaderObject | { $ref: string }>;
  content?: Record<string, { schema?: Schema }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components?: { headers?: Record<string, HeaderObject> } & Record<string, unknown>;
}
