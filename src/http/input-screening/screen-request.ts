import { DomainError } from '@lotse/domain';
import type { ParsedRequest } from '../platform/request-steps';
import { FieldError } from '../problem';
import { parseIfMatch } from '../version-headers';
import { inputViolations } from './input-policy';
import { assertJsonBody } from './media-type';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What every request must meet before any guard, pipe or handler sees it — so a refused request
 * cannot have written anything (not even the enrolment ledger's reservation, which comes before
 * the pathway itself): a JSON body, an `If-Match` that names a version on every write (also on
 * routes that do not use it: a malformed one is a client bug worth telling), and a body and query
 * within the input policy. Runs once the body is parsed, which it needs; throws to refuse.
 */
export const screenRequest = (req: ParsedRequest): void => {
  // GET and HEAD bodies are never parsed, so their media type is checked here.
  assertJsonBody(req.headers);
  if (WRITE_METHODS.has(req.method)) parseIfMatch(req.headers['if-match']);
  // Every command is an object; a top-level array would be spread into a DTO index by index.
  const shape: FieldError[] = Array.isArray(req.body) ? [{ field: '', message: 'the request body must be a JSON object' }] : [];
  const errors = [...shape, ...inputViolations(req.body), ...inputViolations(req.query)];
  if (errors.length > 0) {
    const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    throw new DomainError('validation_failed', detail, { errors });
  }
};
