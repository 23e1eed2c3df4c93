import { DomainError } from '@lotse/domain';
import { AuthenticatedUser } from '../auth';

/**
 * Whose statistics a user reads: an analyst (the core group) and an admin those of every
 * municipality, all together unless they name one; a coordinator only her own.
 * Answers the municipality to filter by, or undefined for all.
 */
export const statisticsScope = (user: AuthenticatedUser, municipality: string | undefined): string | undefined => {
  if (user.roles.includes('admin') || user.roles.includes('analyst')) return municipality;
  if (municipality !== undefined && municipality !== user.municipality)
    throw new DomainError('forbidden', `statistics only of municipality ${user.municipality}`);
  return user.municipality;
};
