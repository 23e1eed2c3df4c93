/**
 * The server the HTTP section of `npm run bench` measures, in a process of its own so that its
 * RSS is its own and autocannon does not share its event loop. `http-bench.ts` forks it with an
 * IPC channel and configures it like the real service, through the environment (EVENT_STORE_URL,
 * JWT_SECRET, DATA_DIR, LOG_LEVEL). It listens on a free port of 127.0.0.1, says which one, and
 * answers questions about its own memory and CPU over IPC, so measuring adds no HTTP requests.
 * It closes the app and exits when told to (SIGTERM, SIGINT) or when the bench goes away.
 */
import { writeFileSync } from 'node:fs';
import { Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { AddressInfo } from 'node:net';
import cluster from 'node:cluster';
import { extname, join } from 'node:path';
import { loadConfig, resolveProcessModel } from '../src/config';
import { ProjectionThread } from '../src/lifecycle/projection-thread';
import { FollowedProjections, isProjectionFeed, PROJECTIONS_VIEW } from '../src/read-models';
import { runBenchPrimary } from './http-cluster';
import { createApp } from '../src/create-app';
import { BenchRoutesModule } from './http-bench-routes';
import type { FromServer, ToServer } from './http-server-messages';
import { PeakRss } from './peak-rss';
import { Pauses } from './pauses';
import { ServerTimeSplit } from './server-time-split';

export type { FromServer, ProcessStats, ToServer } from './http-server-messages';

const send = (message: FromServer) => process.send?.(message);

/**
 * Requests whose answer has not been written yet. autocannon drops its connections when a row
 * ends, but the handlers it left behind still run: the next row, and closing the app, wait for them.
 * Counted at `res.end`, which every answer goes through, whether or not its client is still there;
 * `answered` is told how long each took from its arrival.
 */
const countInFlight = (server: Server, answered: (ms: number) => void) => {
  const counter = { inFlight: 0 };
  // First in line, before Fastify's own listener can answer anything.
  server.prependListener('request', (_req, res: ServerResponse) => {
    const arrived = performance.now();
    counter.inFlight += 1;
    // Called below with the response as `this`, as Node calls it.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const end = res.end;
    let ended = false;
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!ended) {
        ended = true;
        counter.inFlight -= 1;
        answered(performance.now() - arrived);
      }
      return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['end'];
  });
  return counter;
};

/** The inspector's CPU profiler, started and stopped around a timed row. */
const profiler = () => {
  let session: Session | undefined;
  const post = (method: string, params?: object) =>
    new Promise<{ profile?: object }>((resolve, reject) =>
      session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result as { profile?: object }))),
    );
  return {
    start: async () => {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    },
    stop: async (file: string) => {
      const { profile } = await post('Profiler.stop');
      session?.disconnect();
      session = undefined;
      writeFileSync(file, JSON.stringify(profile));
    },
  };
};

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

const main = async () => {
  const config = loadConfig(process.env);
  const model = resolveProcessModel(config);
  if (cluster.isPrimary && model.webProcesses > 1) return runBenchPrimary(model.webProcesses, model.projections === 'worker');
  const follow = model.projections !== 'inline';
  // Alone with PROJECTIONS=worker, this process runs the thread itself; in a cluster the primary does.
  const feed: { view?: FollowedProjections } = {};
  const relay = (message: unknown) => isProjectionFeed(message) && feed.view?.receive(message);
  const entry = join(__dirname, '..', 'src', `projection-thread${extname(__filename)}`);
  const thread = !cluster.isWorker && model.projections === 'worker' ? await ProjectionThread.start(entry, relay) : undefined;
  const app = await createApp(config, { extraImports: [BenchRoutesModule], followProjections: follow });
  if (follow) feed.view = app.get<FollowedProjections>(PROJECTIONS_VIEW);
  const peak = new PeakRss();
  const pauses = new Pauses();
  const split = new ServerTimeSplit();
  const http: Server = app.getHttpServer();
  const counter = countInFlight(http, (ms) => split.answered(ms));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      peak.stop();
      pauses.stop();
      split.stop();
      http.close();
      http.closeAllConnections();
      await until(() => counter.inFlight === 0, 10_000);
      await app.close().catch((error) => process.stderr.write(`bench server: close failed: ${(error as Error).message}\n`));
      await thread?.stop(10_000);
      process.exit(0);
    })());
  const stop = () => void close();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  const profile = profiler();
  process.on('message', (message: ToServer) => {
    relay(message);
    if (message.type === 'profile') {
      void (message.action === 'start' ? profile.start() : profile.stop(message.file)).then(
        () => send({ type: 'profiled' }),
        (error) => send({ type: 'profiled', error: (error as Error).message }),
      );
      return;
    }
    if (message.type !== 'stats') return;
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      rss: process.memoryUsage.rss(),
      peakRss: peak.read(),
      cpuMicros: cpu.user + cpu.system,
      inFlight: counter.inFlight,
      pauses: pauses.read(),
      split: split.read(),
    });
    if (message.resetPeak) peak.reset();
    if (message.resetPauses) {
      pauses.reset();
      split.reset();
    }
  });
  await app.listen(0, '127.0.0.1');
  send({ type: 'ready', port: (app.getHttpServer().address() as AddressInfo).port });
};

main().catch((error) => {
  send({ type: 'failed', message: (error as Error).stack ?? String(error) });
  process.exit(1);
});
