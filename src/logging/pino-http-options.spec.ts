import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { loadConfig } from '../config';
import { pinoHttpOptions } from './pino-http-options';

/** A server that only logs its requests with the app's options, into `lines`. */
const loggingServer = (lines: string[]): Server => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = pinoHttp(pinoHttpOptions(loadConfig({ LOG_LEVEL: 'info' })), sink);
  return createServer((req, res) => {
    log(req, res);
    res.end('ok');
  });
};

describe('the request log line', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(
    () =>
      new Promise<void>((resolve) => {
        server = loggingServer(lines).listen(0, '127.0.0.1', resolve);
      }),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('names the path but never the query string: no ?access_token=, no search term', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await request(url)
      .get('/pathways/p-1?access_token=eyJhbGciOi.secret-token-value&name=Amira%20Haddad')
      .set('Authorization', 'Bearer eyJhbGciOi.another-secret')
      .set('Referer', 'https://app.example.org/search?name=Amira')
      .expect(200);
    const line = lines.find((l) => l.includes('/pathways/p-1'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry.req.url).toBe('/pathways/p-1');
    expect(entry.req.query).toBeUndefined();
    expect(entry.req.headers.authorization).toBe('[redacted]');
    expect(line).not.toMatch(/access_token|secret-token-value|another-secret|Amira/);
    // Still the line an operator needs.
    expect(entry).toMatchObject({ level: 'info', req: { method: 'GET' }, res: { statusCode: 200 } });
  });
});
