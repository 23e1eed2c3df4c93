import { DomainError, Role } from '@lotse/domain';
import { AuthenticatedUser } from './authenticated-user';
import { assertSameMunicipality, seesPersonalData } from './tenant';

const user = (...roles: Role[]): AuthenticatedUser => ({ sub: 'u-1', roles, municipality: 'neuss' });

const thrownBy = (act: () => void): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('assertSameMunicipality', () => {
  it('lets a user act inside her municipality', () => {
    expect(() => assertSameMunicipality(user('coach'), 'neuss')).not.toThrow();
  });

  it.each<Role>(['coach', 'coordinator', 'auditor'])('refuses a %s of another municipality with forbidden', (role) => {
    const refusal = thrownBy(() => assertSameMunicipality(user(role), 'dormagen'));
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('forbidden');
    // The refusal must not confirm where somebody else's case belongs.
    expect((refusal as DomainError).message).not.toContain('dormagen');
  });

  it('lets an admin act in any municipality', () => {
    expect(() => assertSameMunicipality(user('admin'), 'dormagen')).not.toThrow();
  });
});

describe('seesPersonalData', () => {
  it.each<[Role[], boolean]>([
    [['coach'], true],
    [['admin'], true],
    [['coordinator'], false],
    [['auditor'], false],
    [['coordinator', 'coach'], true],
    [[], false],
  ])('is %j → %s', (roles, sees) => {
    expect(seesPersonalData(user(...roles))).toBe(sees);
  });
});
