// Signing in at the OIDC provider: authorization code with PKCE (S256), from the page alone (a public client).
const PKCE_KEY = 'lotse.statistics.pkce';
const login = document.body.dataset;

const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const redirectUri = () => `${location.origin}/statistics`;
const discovery = async () => {
  const response = await fetch(`${login.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`der Anmeldedienst antwortet nicht (HTTP ${response.status})`);
  return response.json();
};

export const startOidcLogin = async () => {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: nonce }));
  const url = new URL((await discovery()).authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: login.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: nonce,
  }).toString();
  location.assign(url.toString());
};

/** The provider's token endpoint: an access token, and the refresh token if the provider gives one. */
const requestTokens = async (form, refreshToken = null) => {
  const response = await fetch((await discovery()).token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, client_id: login.clientId }),
  });
  if (!response.ok) throw new Error(`der Anmeldedienst gab keinen Token (HTTP ${response.status})`);
  const tokens = await response.json();
  // A provider that does not rotate refresh tokens answers a refresh without a new one: the old one stays good.
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token || refreshToken };
};

export const finishOidcLogin = async (params) => {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) throw new Error(`Anmeldung abgelehnt: ${params.get('error_description') || params.get('error')}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('die Anmeldung gehört nicht zu dieser Sitzung; bitte erneut anmelden');
  return requestTokens({
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    code_verifier: saved.verifier,
  });
};

/** A new access token for an expired one, without the user: the refresh token grant (RFC 6749 §6). */
export const refreshOidcLogin = (refreshToken) => requestTokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
