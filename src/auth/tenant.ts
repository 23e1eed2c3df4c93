import { DomainError } from '@lotse/domain';
import { AuthenticatedUser } from './authenticated-user';

/**
 * A coach, coordinator or auditor acts only inside the municipality of the token, so that one body never reads another's cases;
 * an admin acts across municipalities. Thrown as a DomainError so that handlers can call it where
 * they first know the case's municipality, usually after loading it.
 */
export const assertSameMunicipality = (user: AuthenticatedUser, municipality: string): void => {
  if (actsIn(user, municipality)) return;
  throw new DomainError('forbidden', `allowed only inside municipality ${user.municipality}`);
};

/** Coordinators steer with anonymised figures and auditors check the log: neither sees names or birth dates. */
export const seesPersonalData = (user: AuthenticatedUser): boolean => user.roles.includes('coach') || user.roles.includes('admin');

/** Whether the user may act in that municipality: her own, or any for an admin. */
export const actsIn = (user: AuthenticatedUser, municipality: string): boolean =>
  user.roles.includes('admin') || user.municipality === municipality;
