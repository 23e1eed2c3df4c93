/**
 * The one error the domain throws. `code` is stable and goes on the wire unchanged
 * (DESIGN.md §3); one exception filter in the application maps codes to HTTP statuses.
 */
export class DomainError extends Error {
  constructor(readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
  }
}
