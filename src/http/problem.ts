/** RFC 9457. `+json`, so Nest and Fastify still serialise it as JSON. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid input: a dotted path into the body (`entitlements.0.from`) or a header name. */
export interface FieldError {
  field: string;
  message: string;
}

/** What every error answers. Extension members (a refusal's conflicting period, `errors`, …) come after. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const STANDARD_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId']);

/**
 * A `tag:` URI, which RFC 9457 §3.1.1 names for types that are not (yet) documents one can fetch.
 * It is stable per code, so clients may switch on either; change the prefix here once the
 * problem types are published somewhere.
 */
export const problemType = (code: string): string => `tag:lotse,2026:problem:${code}`;

/** RFC 9457 wants a title that does not change between occurrences; the code spelled out is one. */
export const problemTitle = (code: string): string => {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
