import { DomainError } from '@lotse/domain';

/** The one refusal of every rate limit: 429 with Retry-After, as a problem like any other. */
export const tooManyRequests = (what: string, retryAfterSeconds: number): DomainError =>
  new DomainError('too_many_requests', `${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
