import { AppConfig } from '../config';

/**
 * How the page gets a token: pasted (a development token of `npm run token`) while the API accepts
 * development tokens, or the OIDC provider's login (authorization code with PKCE) once
 * JWT_JWKS_URL is set and development tokens are refused anyway.
 */
export type LoginSettings = { mode: 'development' } | { mode: 'oidc'; issuer: string; clientId: string; providerOrigin: string };

export const loginSettingsOf = (config: AppConfig): LoginSettings => {
  if (!config.JWT_JWKS_URL || !config.JWT_ISSUER) return { mode: 'development' };
  const issuer = config.JWT_ISSUER.replace(/\/+$/, '');
  // An issuer that is no URL has no discovery document either; the page then says it cannot sign in.
  const providerOrigin = URL.canParse(issuer) ? new URL(issuer).origin : '';
  return { mode: 'oidc', issuer, clientId: config.STATISTICS_PAGE_CLIENT_ID, providerOrigin };
};
