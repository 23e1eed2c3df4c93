import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The browser-facing headers on every answer. The policy fits the pages the app serves itself:
 * Swagger UI at /docs (scripts from its own files, an inline <style>) and pages with their own
 * bundled script, so scripts come from 'self' only and no CDN is ever trusted.
 */
export const setSecurityHeaders = (): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const headers = securityHeaders();
  return (_req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
};

/**
 * helmet's headers, worked out once: with this policy (no nonces) they are the same on every
 * answer, and helmet's chain of a dozen middlewares per request cost more than setting them.
 * X-Powered-By, which helmet would remove, Fastify never sends.
 */
export const securityHeaders = (): [string, string][] => {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  helmet(HELMET_OPTIONS)({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  // helmet only ever passes an Error, for options it cannot use.
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return headers;
};

const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      // Swagger UI's page carries its layout in an inline <style>; styles cannot run code.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  // Two years, the preload lists' minimum; browsers honour it only over HTTPS anyway.
  strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
};
