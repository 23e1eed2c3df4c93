import { DomainError } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { DuplicatePair } from './match-key-store';

/**
 * Who may merge two registrations. A merge moves a person's whole career from one registration to
 * the other, so a coordinator merges only inside her own municipality — both registrations — and
 * only a pair the duplicate check listed; anything else (across municipalities, a pair never
 * listed or dismissed as two people) is an admin's act, and an unlisted one needs a written reason.
 * Every refusal comes before anything is written.
 */
export const assertMayMerge = (
  user: AuthenticatedUser,
  municipalities: readonly string[],
  pair: DuplicatePair | undefined,
  reason: string | undefined,
): void => {
  for (const municipality of municipalities) assertSameMunicipality(user, municipality);
  if (pair && pair.status !== 'dismissed') return;
  if (!user.roles.includes('admin')) {
    throw new DomainError('forbidden', 'only an admin may merge two registrations that are not listed as a potential duplicate');
  }
  if (reason === undefined) {
    throw new DomainError(
      'merge_reason_required',
      'merging two registrations that are not listed as a potential duplicate needs a reason of at least 20 characters',
    );
  }
};

/** Who may say a listed pair is two people: an admin, or a coordinator of both registrations' municipality. */
export const assertMayDismiss = (user: AuthenticatedUser, pair: DuplicatePair): void => {
  assertSameMunicipality(user, pair.municipalityA);
  assertSameMunicipality(user, pair.municipalityB);
};
