import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * The browser-facing headers on every answer. The policy fits the pages the app serves itself:
 * Swagger UI at /docs (scripts from its own files, an inline <style>) and pages with their own
 * bundled script, so scripts come from 'self' only and no CDN is ever trusted.
 */
export const useSecurityHeaders = (app: NestExpressApplication): void => {
  app.use(
    helmet({
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
    }),
  );
};
