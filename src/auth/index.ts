export { AuthModule } from './auth.module';
export type { AuthenticatedUser } from './authenticated-user';
export { Public } from './public.decorator';
export { Roles } from './roles.decorator';
export { declaredAccess } from './route-access';
export { CurrentUser } from './current-user.decorator';
export { actsIn, assertSameMunicipality, seesPersonalData } from './tenant';
