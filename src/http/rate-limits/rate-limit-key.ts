import { createHash } from 'node:crypto';

/**
 * The key a count is stored under: the limit's name and a hash of whom it counts (a client
 * address, a token's subject), so the table and the process hold no address or user id in clear.
 */
export const rateLimitKey = (limit: string, tracker: string): string =>
  `${limit}:${createHash('sha256').update(tracker).digest('base64url')}`;
