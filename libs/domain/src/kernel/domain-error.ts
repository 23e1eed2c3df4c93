import { DomainErrorCode } from './domain-error-code';

/**
 * The one error the domain throws. `code` is stable and goes on the wire unchanged; one
 * exception filter in the application maps codes to HTTP statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The client asked to change a resource at a version it no longer has (`If-Match`): the same
 * `version_conflict` as a lost race, but the client's precondition failed, so it is a type of
 * its own, answered 412 with the version the resource is at (`actual`).
 */
export class StaleVersionError extends DomainError {
  constructor(
    readonly actual: number,
    expected: number,
  ) {
    super('version_conflict', `the resource is at version ${actual}, not ${expected}`, { actual });
    this.name = 'StaleVersionError';
  }
}
