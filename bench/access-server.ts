/**
 * The server the `access` section measures, in a process of its own (forked with an IPC channel by access-bench.ts):
 * the real app on the event store of EVENT_STORE_URL, with N registered participants. `{ logging: false }` turns the
 * access log's interceptor into a pass-through and `{ logging: true }` back, so the same process, database and data
 * answer the reads with and without the log. Each switch writes what is buffered first, then answers the CPU time the
 * process has used so far, the reads it served since the last switch and the time, all taken at one moment before the
 * log goes on or off: the bench charges a stretch with the writing of its own entries and counts its reads where they
 * were served, not where autocannon saw them arrive.
 */
import { AddressInfo } from 'node:net';
import { AccessRecorder } from '../src/audit-trail';
import { AccessLoggingInterceptor } from '../src/audit-trail/access-log/access-logging.interceptor';
import { signTestToken } from '../src/auth/testing';
import { loadConfig } from '../src/config';
import { createApp } from '../src/create-app';

export type ToAccessServer = { logging: boolean };
export type FromAccessServer =
  | { type: 'ready'; port: number; token: string; participantIds: string[] }
  | { type: 'switched'; cpuMicros: number; reads: number; at: number }
  | { type: 'failed'; message: string };

const send = (message: FromAccessServer) => process.send?.(message);
// Put back on the prototype unchanged, so Nest calls it with the interceptor as `this` as before.
// eslint-disable-next-line @typescript-eslint/unbound-method
const logged = AccessLoggingInterceptor.prototype.intercept;
const passThrough: typeof logged = (_context, next) => next.handle();

const main = async () => {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const token = `Bearer ${signTestToken({ sub: 'coach-1', roles: ['coach'], municipality: 'neuss' }, config.JWT_SECRET ?? '')}`;
  const participantIds: string[] = [];
  for (let i = 0; i < Number(process.env.BENCH_ACCESS_PARTICIPANTS ?? 50); i += 1) {
    const res = await fetch(`http://127.0.0.1:${port}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({
        givenName: 'Amira',
        familyName: `Haddad-${i}`,
        birthDate: `2003-0${1 + (i % 9)}-1${i % 10}`,
        municipality: 'neuss',
        residenceStatus: 'duldung',
      }),
    });
    if (res.status !== 201) throw new Error(`setup: POST /participants answered ${res.status}`);
    participantIds.push(((await res.json()) as { id: string }).id);
  }
  const recorder = app.get(AccessRecorder);
  let reads = 0;
  process.on('message', (message: ToAccessServer) => {
    // The stretch that ends here still writes its own entries, then its reads, CPU and end are taken at one moment.
    void recorder.flush().then(() => {
      const cpu = process.cpuUsage();
      const answer: FromAccessServer = {
        type: 'switched',
        cpuMicros: cpu.user + cpu.system,
        reads,
        at: performance.timeOrigin + performance.now(),
      };
      reads = 0;
      const intercept = message.logging ? logged : passThrough;
      AccessLoggingInterceptor.prototype.intercept = function (this: AccessLoggingInterceptor, context, next) {
        reads += 1;
        return intercept.call(this, context, next);
      };
      send(answer);
    });
  });
  const stop = () => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  send({ type: 'ready', port, token, participantIds });
};

main().catch((error) => {
  send({ type: 'failed', message: (error as Error).stack ?? String(error) });
  process.exit(1);
});
