import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { loadConfig } from '../config';
import { pinoOptions, requestLogLevel } from './log-options';
import { assignRequestId } from './request-id';
import { requestLogger } from './request-logging';

/** A server that only logs its requests with the app's options, into `lines`, answering `status`. */
const loggingServer = (lines: string[], status: () => number): Server => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = requestLogger(pino(pinoOptions(loadConfig({ LOG_LEVEL: 'info' })), sink));
  return createServer((req, res) => {
    assignRequestId(req, res);
    log(req, res);
    res.statusCode = status();
    res.end('ok');
  });
};

describe('the request log line', () => {
  let server: Server;
  let url: string;
  let nextStatus = 200;
  const lines: string[] = [];

  beforeAll(
    () =>
      new Promise<void>((resolve) => {
        server = loggingServer(lines, () => nextStatus).listen(0, '127.0.0.1', () => {
          url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve();
        });
      }),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('names method, path, status, duration and request id on one short line, but no query string and no header', async () => {
    nextStatus = 200;
    await request(url)
      .get('/pathways/p-1?access_token=eyJhbGciOi.secret-token-value&name=Amira%20Haddad')
      .set('X-Request-Id', 'req-42')
      .set('Authorization', 'Bearer eyJhbGciOi.another-secret')
      .set('Referer', 'https://app.example.org/search?name=Amira')
      .expect(200);
    const line = lines.find((l) => l.includes('/pathways/p-1'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry).toMatchObject({
      level: 'info',
      requestId: 'req-42',
      req: { method: 'GET', url: '/pathways/p-1' },
      res: { statusCode: 200 },
    });
    expect(entry.msg).toMatch(/^GET \/pathways\/p-1 200 \d+ ms$/);
    expect(typeof entry.responseTime).toBe('number');
    expect(entry.req.headers).toBeUndefined();
    expect(entry.res.headers).toBeUndefined();
    expect(line).not.toMatch(/access_token|secret-token-value|another-secret|Amira/);
    expect(line!.length).toBeLessThan(300);
  });

  it('logs an expected 503 as a warning, not as an error', async () => {
    nextStatus = 503;
    await request(url).get('/pathways/behind').expect(503);
    const entry = JSON.parse(lines.find((l) => l.includes('/pathways/behind'))!);
    expect(entry.level).toBe('warn');
    expect(entry.err).toBeUndefined();
  });
});

describe('requestLogLevel', () => {
  it.each([
    [200, 'info'],
    [201, 'info'],
    [400, 'info'],
    [404, 'info'],
    [409, 'info'],
    [422, 'info'],
    [429, 'info'],
    [503, 'warn'],
    [500, 'error'],
  ])('%i → %s', (status, level) => expect(requestLogLevel(status)).toBe(level));
});
