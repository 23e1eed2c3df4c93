import { sign } from 'jsonwebtoken';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Just enough of an OIDC provider for the statistics page's login: discovery, an authorization
 * endpoint that signs the user in at once and sends the browser back with a code, a token endpoint
 * that gives an RS256 access token only for the code verifier matching the code challenge (PKCE,
 * S256), and the JWKS the app checks that token with.
 */
export interface FakeOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Token requests whose code verifier matched the challenge of their code. */
  verifiedExchanges: number;
  refusedExchanges: number;
  close(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });

export const startFakeOidcProvider = async (options: { clientId: string; audience: string; claims: object }): Promise<FakeOidcProvider> => {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...createPublicKey(key).export({ format: 'jwk' }), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  let issuer = '';
  const provider: FakeOidcProvider = {
    issuer: '',
    jwksUrl: '',
    verifiedExchanges: 0,
    refusedExchanges: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
      const code = `code-${codes.size + 1}`;
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
      const back = new URL(q.get('redirect_uri')!);
      back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      return void body(req).then((text) => {
        const form = new URLSearchParams(text);
        const issued = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !issued ||
          issued.challenge !== challenge ||
          issued.redirectUri !== form.get('redirect_uri') ||
          form.get('client_id') !== options.clientId
        ) {
          provider.refusedExchanges++;
          return json(400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code')!);
        provider.verifiedExchanges++;
        const accessToken = sign(options.claims, key, {
          algorithm: 'RS256',
          keyid: 'fake-1',
          subject: 'analyst-oidc',
          expiresIn: '5m',
          issuer,
          audience: options.audience,
        });
        json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300 });
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
