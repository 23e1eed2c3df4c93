import { INestApplication } from '@nestjs/common';
import { AddressInfo, connect } from 'node:net';
import request from 'supertest';
import { bearer, bootTestApp } from './support/test-app';

const PROBLEM_JSON = /^application\/problem\+json/;

/** Sends raw bytes and collects what comes back until the server closes (or `giveUpMs` passes). */
const rawExchange = (port: number, send: (write: (chunk: string) => void) => void, giveUpMs: number) =>
  new Promise<{ answer: string; closedAfterMs: number | undefined }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let timers: NodeJS.Timeout[] = [];
    const finish = (closedAfterMs: number | undefined) => {
      timers.forEach(clearTimeout);
      timers = [];
      socket.destroy();
      resolve({ answer, closedAfterMs });
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => finish(Date.now() - started));
    socket.on('error', () => undefined);
    socket.on('connect', () =>
      send((chunk) => {
        if (!socket.destroyed) socket.write(chunk);
      }),
    );
    timers.push(setTimeout(() => finish(undefined), giveUpMs));
  });

const portOf = (app: INestApplication): number => (app.getHttpServer().address() as AddressInfo).port;

describe('HTTP hardening (pglite:memory://)', () => {
  let app: INestApplication;
  const coach = bearer(['coach'], 'neuss');

  beforeAll(async () => {
    app = await bootTestApp('pglite:memory://', undefined, { env: { REQUEST_TIMEOUT_MS: '1000' } });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app?.close());

  describe('security headers', () => {
    it.each(['/health', '/pathways', '/no/such/route'])('are on every answer (%s)', async (path) => {
      const res = await request(app.getHttpServer()).get(path).set('Authorization', coach);
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https:|\*/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('let Swagger UI at /docs work: every script is a file of the app itself, no inline script, all served', async () => {
      const page = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline.trim()).toBe('');
        const src = /src=["']([^"']+)["']/.exec(attributes)?.[1];
        expect(src).toBeDefined();
        expect(src).not.toMatch(/^(https?:)?\/\//);
        const script = await request(app.getHttpServer()).get(new URL(src!, 'http://app/docs').pathname).expect(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
      }
    });
  });

  describe('Cache-Control: no-store', () => {
    it('is on an authenticated answer with case data', async () => {
      const res = await request(app.getHttpServer()).get('/pathways').set('Authorization', coach).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it.each([
      ['a refused token (401)', '/pathways', undefined],
      ['an unknown resource (404)', '/pathways/00000000-0000-4000-8000-000000000000', coach],
    ])('is on a problem: %s', async (_case, path, token) => {
      const call = request(app.getHttpServer()).get(path);
      const res = await (token ? call.set('Authorization', token) : call);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('is not forced on the API documentation', async () => {
      const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(res.headers['cache-control']).toBeUndefined();
    });
  });

  describe('CORS without CORS_ORIGINS', () => {
    it('sends no CORS header, whatever the origin', async () => {
      const res = await request(app.getHttpServer()).get('/health').set('Origin', 'https://app.example.org');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('a body over the limit', () => {
    it('declared as 10 GB and never sent is answered 413 within a second, and the connection closed', async () => {
      const { answer, closedAfterMs } = await rawExchange(
        portOf(app),
        (write) =>
          write(
            'POST /pathways HTTP/1.1\r\nHost: lotse\r\nContent-Type: application/json\r\nX-Request-Id: huge-1\r\n' +
              `Authorization: ${coach}\r\nContent-Length: ${10 * 1024 ** 3}\r\n\r\n`,
          ),
        5_000,
      );
      expect(closedAfterMs).toBeDefined();
      expect(closedAfterMs!).toBeLessThan(1_000);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({ status: 413, code: 'payload_too_large', requestId: 'huge-1' });
    });
  });

  describe('a request trickled in', () => {
    it('is cut after REQUEST_TIMEOUT_MS (here 1 s) however steadily its bytes arrive', async () => {
      const { answer, closedAfterMs } = await rawExchange(
        portOf(app),
        (write) => {
          write('POST /pathways HTTP/1.1\r\nHost: lotse\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n');
          const trickle = setInterval(() => write(' '), 250);
          setTimeout(() => clearInterval(trickle), 6_000).unref();
          trickle.unref();
        },
        8_000,
      );
      expect(closedAfterMs).toBeDefined();
      expect(closedAfterMs!).toBeGreaterThanOrEqual(900);
      expect(closedAfterMs!).toBeLessThan(3_500);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, code: 'request_timeout' });
    });
  });

  describe('bytes the HTTP parser refuses before any route runs', () => {
    const problemOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

    it('answers what is not HTTP with a 400 problem', async () => {
      const { answer } = await rawExchange(portOf(app), (write) => write('HELLO LOTSE\r\n\r\n'), 3_000);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(problemOf(answer)).toMatchObject({ status: 400, code: 'malformed_request' });
    });

    it('answers headers larger than Node parses with a 431 problem', async () => {
      const { answer } = await rawExchange(
        portOf(app),
        (write) => write(`GET /health HTTP/1.1\r\nHost: lotse\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`),
        3_000,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      expect(problemOf(answer)).toMatchObject({ status: 431, code: 'request_header_fields_too_large' });
    });
  });
});

describe('CORS with CORS_ORIGINS (pglite:memory://)', () => {
  let app: INestApplication;
  const ALLOWED = 'https://app.example.org';

  beforeAll(async () => {
    app = await bootTestApp('pglite:memory://', undefined, { env: { CORS_ORIGINS: `${ALLOWED},http://localhost:5173` } });
  });
  afterAll(() => app?.close());

  it("answers a preflight of a listed origin without a token, allowing the API's headers", async () => {
    const res = await request(app.getHttpServer())
      .options('/pathways')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(res.headers['access-control-allow-methods']).split(/\s*,\s*/)).toEqual(['GET', 'POST', 'DELETE']);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization.*Idempotency-Key/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('names a listed origin on the answer and exposes the headers a client reads', async () => {
    const res = await request(app.getHttpServer())
      .get('/pathways')
      .set('Origin', ALLOWED)
      .set('Authorization', bearer(['coach'], 'neuss'))
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
  });

  it('says nothing to an origin not on the list', async () => {
    const res = await request(app.getHttpServer())
      .options('/pathways')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
