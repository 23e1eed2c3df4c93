import { FieldError } from '../problem';

/** No command nests deeper than a few levels; 32 leaves room and stops a stack-eating body early. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Keys that reach an object's prototype when code copies a body with `{ ...body }` or assigns it
 * field by field. No DTO has them, so they are refused like any other unknown field, at any depth.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// C0 control characters except tab, line feed and carriage return: PostgreSQL refuses NUL in text
// and jsonb, and the others have no business in a name or a note.
// eslint-disable-next-line no-control-regex -- finding these characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// A high surrogate without its low half, or a low one without its high half: not encodable as
// UTF-8, so PostgreSQL would refuse the event that carries it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string is refused, or undefined when it is acceptable text. */
export const stringViolation = (value: string): string | undefined => {
  if (CONTROL_CHARACTER.test(value)) return 'must not contain control characters other than tab, line feed and carriage return';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
};

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/**
 * Every rule a body or query must meet whatever the route: bounded depth, clean strings (values
 * and keys), no prototype keys. Field paths are dotted like the validation pipe's; a key that is
 * itself refused is not echoed (it may carry the control character), its parent path is named.
 */
export const inputViolations = (value: unknown, path = '', depth = 0): FieldError[] => {
  if (typeof value === 'string') {
    const problem = stringViolation(value);
    return problem ? [{ field: path, message: `${path || 'value'} ${problem}` }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  // Stops before walking further, so even a body nested thousands of levels deep costs 32 steps.
  if (depth >= MAX_INPUT_DEPTH) return [{ field: path, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` }];
  const errors: FieldError[] = [];
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      errors.push({ field: join(path, key), message: `property ${key} should not exist` });
      continue;
    }
    const keyProblem = stringViolation(key);
    if (keyProblem) {
      errors.push({ field: path, message: `a property name ${keyProblem}` });
      continue;
    }
    errors.push(...inputViolations((value as Record<string, unknown>)[key], join(path, key), depth + 1));
  }
  return errors;
};
