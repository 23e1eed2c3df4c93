import { UnauthorizedException } from '@nestjs/common';
import { Role, ROLES } from '@lotse/domain';
import { isMunicipalitySlug } from './municipality-slug';

/** Who sent a request, as far as the API trusts it: what `@CurrentUser()` gives a handler. */
export interface AuthenticatedUser {
  sub: string;
  /** Only the roles Lotse knows, in the order of `ROLES`; may be empty. */
  roles: Role[];
  /** The tenant: a lower-case slug such as `neuss` or `rhein-kreis-neuss`. */
  municipality: string;
}

/**
 * Turns the payload of a token whose signature has been verified into the user. A token that does
 * not say who and for which municipality cannot be attributed, so it is refused as unauthenticated;
 * one without a known role is still someone, and the role check answers 403 for them.
 */
export const authenticatedUserFrom = (claims: Record<string, unknown>): AuthenticatedUser => {
  const { sub, municipality, roles, exp } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new UnauthorizedException('the token names no subject (sub)');
  }
  if (typeof municipality !== 'string' || !isMunicipalitySlug(municipality)) {
    throw new UnauthorizedException('the token names no municipality as a lower-case slug (municipality)');
  }
  // jsonwebtoken checks exp only when it is there; a token without one would open the API forever.
  if (typeof exp !== 'number') {
    throw new UnauthorizedException('the token has no expiry (exp)');
  }
  // An identity provider hands out roles of other applications too; those mean nothing here.
  const claimed: unknown[] = Array.isArray(roles) ? roles : [];
  return { sub, roles: ROLES.filter((role) => claimed.includes(role)), municipality };
};
