import cluster, { Worker } from 'node:cluster';
import { extname, join } from 'node:path';
import { ProjectionThread } from '../src/lifecycle/projection-thread';
import type { FromServer, ProcessStats, ToServer } from './http-server-messages';
import { PeakRss } from './peak-rss';
import { worstPauses } from './pauses';

type Stats = Extract<FromServer, { type: 'stats' }>;

/**
 * The bench server as the service runs with WEB_CONCURRENCY > 1: this process is the primary,
 * runs the projection thread (PROJECTIONS=worker) and relays its reports, and forks the HTTP
 * processes (http-server.ts again, as cluster workers). To the bench it is one server: it answers
 * 'ready' once every HTTP process listens (they share one port), and 'stats' with the CPU and
 * requests in flight of all processes together, the largest RSS, and each process's own figures.
 */
export const runBenchPrimary = async (webProcesses: number, projectionsOnThread: boolean): Promise<void> => {
  const send = (message: FromServer) => process.send?.(message);
  const peak = new PeakRss();
  const relay = (message: unknown) => {
    // With a callback a worker that is already going away fails the send there instead of as an unheard 'error' (EPIPE).
    for (const worker of Object.values(cluster.workers ?? {}))
      if (worker?.isConnected()) worker.send(message as object, (error: Error | null) => error && undefined);
  };
  // The projection thread's entry beside the service's own sources (compiled or not).
  const entry = join(__dirname, '..', 'src', `projection-thread${extname(__filename)}`);
  const thread = projectionsOnThread ? await ProjectionThread.start(entry, relay) : undefined;

  const workers: Worker[] = [];
  const ports = await Promise.all(
    Array.from(
      { length: webProcesses },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = cluster.fork();
          workers.push(worker);
          worker.on('message', (message: FromServer) => {
            if (message.type === 'ready') resolve(message.port);
            if (message.type === 'failed') reject(new Error(message.message));
          });
          worker.once('exit', (code) => reject(new Error(`an HTTP process exited (${code}) before it listened`)));
        }),
    ),
  );

  /** One 'stats' round: every worker answers once. */
  const ask = (message: ToServer) =>
    Promise.all(
      workers.map(
        (worker) =>
          new Promise<ProcessStats>((resolve) => {
            const onMessage = (answer: FromServer) => {
              if (answer.type !== 'stats') return;
              worker.off('message', onMessage);
              resolve({
                role: 'http',
                pid: worker.process.pid ?? 0,
                rss: answer.rss,
                peakRss: answer.peakRss,
                cpuMicros: answer.cpuMicros,
                inFlight: answer.inFlight,
                pauses: answer.pauses,
                split: answer.split,
              });
            };
            worker.on('message', onMessage);
            worker.send(message);
          }),
      ),
    );

  process.on('message', (message: ToServer) => {
    if (message.type === 'profile') {
      send({ type: 'profiled', error: 'CPU profiles are taken of one HTTP process: run with BENCH_HTTP_WEB_CONCURRENCY=1' });
      return;
    }
    void ask(message).then((http) => {
      const cpu = process.cpuUsage();
      const primary: ProcessStats = {
        role: thread ? 'primary + projection thread' : 'primary',
        pid: process.pid,
        rss: process.memoryUsage.rss(),
        peakRss: peak.read(),
        cpuMicros: cpu.user + cpu.system,
        inFlight: 0,
      };
      if (message.resetPeak) peak.reset();
      const all = [primary, ...http];
      const answer: Stats = {
        type: 'stats',
        rss: Math.max(...all.map((p) => p.rss)),
        peakRss: Math.max(...all.map((p) => p.peakRss)),
        cpuMicros: all.reduce((sum, p) => sum + p.cpuMicros, 0),
        inFlight: all.reduce((sum, p) => sum + p.inFlight, 0),
        // The HTTP processes': the primary answers no requests.
        pauses: worstPauses(http.flatMap((p) => (p.pauses ? [p.pauses] : []))),
        processes: all,
      };
      send(answer);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    void (stopping ??= (async () => {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
      await thread?.stop(10_000);
      peak.stop();
      process.exit(0);
    })());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  send({ type: 'ready', port: ports[0] });
};
