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

export const finishOidcLogin = async (params) => {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) throw new Error(`Anmeldung abgelehnt: ${params.get('error_description') || params.get('error')}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('die Anmeldung gehört nicht zu dieser Sitzung; bitte erneut anmelden');
  const response = await fetch((await discovery()).token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: login.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`der Anmeldedienst gab keinen Token (HTTP ${response.status})`);
  return (await response.json()).access_token;
};
