import type { PauseFigures } from './pauses';
import type { TimeSplit } from './server-time-split';

/** What the bench (http-bench.ts) and its measured server (http-server.ts, http-cluster.ts) say to each other over IPC. */
export type ToServer =
  /** `resetPauses`: event-loop stalls and GC pauses count from this answer on. */
  | { type: 'stats'; resetPeak?: boolean; resetPauses?: boolean }
  /** V8 CPU profile of one timed row, written to `file` on stop (BENCH_HTTP_CPU_PROF). */
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string };
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'profiled'; error?: string }
  /** With several processes: the largest RSS, CPU and requests in flight of all together, and `processes` one by one. */
  | {
      type: 'stats';
      rss: number;
      peakRss: number;
      cpuMicros: number;
      inFlight: number;
      /** Since the last `resetPauses`; with several processes the worst of them (GC time summed). */
      pauses: PauseFigures;
      /** Since the last `resetPauses`; absent with several processes (each has its own in `processes`). */
      split?: TimeSplit;
      processes?: ProcessStats[];
    }
  | { type: 'failed'; message: string };

export interface ProcessStats {
  role: string;
  pid: number;
  rss: number;
  peakRss: number;
  cpuMicros: number;
  inFlight: number;
  pauses?: PauseFigures;
  split?: TimeSplit;
}
