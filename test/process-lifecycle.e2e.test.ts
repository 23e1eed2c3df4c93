import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort } from './support/app-process';

/** Everything a raw connection receives, and when it closes. */
const transcript = (socket: Socket) => {
  const heard = { text: '', closed: new Promise<void>((resolve) => socket.once('close', () => resolve())) };
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    heard.text += chunk;
  });
  return heard;
};

const eventually = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${condition.toString()}`);
  }
};

describe('the service as a process, on an embedded store in a temporary DATA_DIR', () => {
  let dataDir: string;
  let port: number;
  let app: AppProcess;
  const lockFile = () => join(dataDir, 'lotse', 'lotse.lock');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lotse-process-'));
    port = await freePort();
    app = AppProcess.start({ DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_TIMEOUT_MS: '10000' });
    await app.waitForHealth(port);
  });
  afterAll(async () => {
    app.kill('SIGKILL');
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds the embedded database with a lock file', () => {
    expect(existsSync(lockFile())).toBe(true);
  });

  it('logs the request as JSON with its request id and without the Authorization header', async () => {
    await fetch(`http://127.0.0.1:${port}/health`, {
      headers: { 'X-Request-Id': 'log-check-1', Authorization: 'Bearer top-secret-token' },
    });
    const line = await app.waitForLog((l) => l.requestId === 'log-check-1' && typeof l.res === 'object');
    expect(line).toMatchObject({ level: 'info', req: { method: 'GET', url: '/health' }, res: { statusCode: 200 } });
    expect(line.msg).toMatch(/^GET \/health 200 \d+ ms$/);
    expect(app.stdout).not.toContain('top-secret-token');
  });

  it('refuses a second process on the same DATA_DIR with one line', async () => {
    const second = AppProcess.start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^startup failed: cannot open the event store \\(pglite .*\\): the embedded database in .* is open in process ${app.pid};`,
        ),
      ),
    ]);
    expect(existsSync(lockFile())).toBe(true);
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, closes the store and exits 0', async () => {
    // A request in flight: headers sent, body still coming. `Expect: 100-continue` makes the
    // server say when it has the headers, so the signal surely arrives during the request.
    const socket = connect(port, '127.0.0.1');
    const heard = transcript(socket);
    socket.write(
      [
        'POST /slow-upload HTTP/1.1',
        'Host: lotse',
        'Content-Type: application/json',
        'Content-Length: 13',
        'Expect: 100-continue',
        'X-Request-Id: in-flight-1',
        '',
        '',
      ].join('\r\n'),
    );
    await eventually(() => heard.text.includes('100 Continue'));

    app.kill('SIGTERM');
    await app.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('SIGTERM'));
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    // Written, not ended: the connection stays keep-alive, so the server itself has to let it go.
    socket.write('{"late":true}');
    await heard.closed;
    expect(heard.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 404 .*x-request-id: in-flight-1.*Cannot POST \/slow-upload/is);

    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.stderr).toBe('');
    expect(existsSync(lockFile())).toBe(false);
    expect(app.logLines.at(-1)).toMatchObject({ context: 'Shutdown', msg: 'stopped' });
  });
});
