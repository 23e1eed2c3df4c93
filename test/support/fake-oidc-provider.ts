import { sign } from 'jsonwebtoken';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Just enough of an OIDC provider for the statistics page's login: discovery, an authorization
 * endpoint that signs the user in at once and sends the browser back with a code, a token endpoint
 * that gives an RS256 access token only for the code verifier matching the code challenge (PKCE,
 * S256), and the JWKS the app checks that token with. On request it gives refresh tokens too and
 * takes them back (the refresh token grant, one use each), and issues access tokens already
 * expired, as a token looks to the app once its lifetime has run out (`issuing`).
 */
export interface FakeOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Token requests whose code verifier matched the challenge of their code. */
  verifiedExchanges: number;
  refusedExchanges: number;
  /** Times the browser came to the authorization endpoint: each is one login. */
  authorizations: number;
  /** Refresh tokens exchanged for a new access token. */
  refreshes: number;
  /** What the next tokens look like; a test may change it between its steps. */
  issuing: TokenIssuing;
  close(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });

export interface TokenIssuing {
  /** Give a refresh token with each access token (as Keycloak does), and take it once. */
  refreshTokens: boolean;
  /** How many of the next access tokens are issued expired, beyond any clock tolerance. */
  expiredTokens: number;
}

export const startFakeOidcProvider = async (options: { clientId: string; audience: string; claims: object }): Promise<FakeOidcProvider> => {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...createPublicKey(key).export({ format: 'jwk' }), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  let issuer = '';
  const provider: FakeOidcProvider = {
    issuer: '',
    jwksUrl: '',
    verifiedExchanges: 0,
    refusedExchanges: 0,
    authorizations: 0,
    refreshes: 0,
    issuing: { refreshTokens: false, expiredTokens: 0 },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  /** An access token (an expired one expired two minutes ago, past the app's tolerance) and maybe a refresh token. */
  const tokensFor = () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = provider.issuing.expiredTokens > 0;
    if (expired) provider.issuing.expiredTokens--;
    const exp = expired ? now - 120 : now + 300;
    const accessToken = sign({ ...options.claims, exp }, key, {
      algorithm: 'RS256',
      keyid: 'fake-1',
      subject: 'analyst-oidc',
      issuer,
      audience: options.audience,
    });
    const refreshToken = provider.issuing.refreshTokens ? `refresh-${provider.verifiedExchanges + provider.refreshes}` : undefined;
    if (refreshToken) refreshTokens.add(refreshToken);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: exp - now, refresh_token: refreshToken };
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    // The page calls discovery and the token endpoint from its own origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const json = (status: number, value: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/certs`,
      });
    }
    if (url.pathname === '/certs') return json(200, { keys: [jwk] });
    if (url.pathname === '/auth') {
      const q = url.searchParams;
      if (q.get('client_id') !== options.clientId || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        return json(400, { error: 'invalid_request' });
      }
      provider.authorizations++;
      const code = `code-${provider.authorizations}`;
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
      const back = new URL(q.get('redirect_uri')!);
      back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      return void body(req).then((text) => {
        const form = new URLSearchParams(text);
        if (form.get('grant_type') === 'refresh_token') {
          const refreshToken = form.get('refresh_token') ?? '';
          if (!refreshTokens.delete(refreshToken) || form.get('client_id') !== options.clientId)
            return json(400, { error: 'invalid_grant' });
          provider.refreshes++;
          return json(200, tokensFor());
        }
        const code = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !code ||
          code.challenge !== challenge ||
          code.redirectUri !== form.get('redirect_uri') ||
          form.get('client_id') !== options.clientId
        ) {
          provider.refusedExchanges++;
          return json(400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code')!);
        provider.verifiedExchanges++;
        json(200, tokensFor());
      });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  provider.jwksUrl = `${issuer}/certs`;
  return provider;
};
