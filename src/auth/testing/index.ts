export { signTestToken } from './sign-test-token';
export type { TokenClaims } from '../development-token';
