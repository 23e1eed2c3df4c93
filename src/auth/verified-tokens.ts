import { AuthenticatedUser } from './authenticated-user';

/** Tokens remembered at once: a few per active user; beyond, the least recently used are verified again. */
const CAPACITY = 10_000;
/**
 * The longest a token is taken from memory without being verified again: a key the identity
 * provider withdraws from its JWKS stops opening the API within this time, on top of the key
 * provider's own caching of keys.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/**
 * Bearer tokens whose signature, algorithm, issuer, audience, lifetime and claims were checked,
 * with the user they stand for, until the token's `exp` (or the TTL, if sooner). Verifying a token
 * (passport, jsonwebtoken, the signature) took about a twelfth of a case step's CPU in this
 * process with HS256, RS256 costs more; a client sends the same token with every request until it expires.
 * The key is the whole token, signature included: a token altered in any byte is a stranger.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { user: AuthenticatedUser; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The user of a token verified before, if it has not expired since and is not older than the TTL. */
  get(token: string): AuthenticatedUser | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.user;
  }

  /** After a full verification: `exp` is the token's, in seconds. */
  remember(token: string, user: AuthenticatedUser, exp: number): void {
    const until = Math.min(exp * 1000, this.now() + VERIFIED_TOKEN_TTL_MS);
    if (until <= this.now()) return;
    this.entries.delete(token);
    this.entries.set(token, { user, until });
    // Map keeps insertion order: the first entry is the oldest one remembered.
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** `exp` of a token that has just been verified (so its payload is known to be our JSON), or undefined. */
export const expiryOf = (token: string): number | undefined => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
};
