import { join } from 'node:path';
import { compileSources } from '../scripts/compile-sources';

/** The bench's own entry and routes, compiled beside the app. */
const BENCH_FILES = [
  'bench/http-server.ts',
  'bench/http-cluster.ts',
  'bench/http-server-messages.ts',
  'bench/http-bench-routes.ts',
  'bench/peak-rss.ts',
  'bench/pauses.ts',
  'bench/stall-causes.ts',
  'bench/server-time-split.ts',
];

/**
 * Transpiles the measured server ahead of time into `outDir` (see compileSources): it then runs
 * plain JavaScript like `npm start` does, and its RSS holds no TypeScript compiler. Returns the entry file.
 */
export const compileServer = (outDir: string): string => {
  compileSources(outDir, BENCH_FILES);
  return join(outDir, 'bench', 'http-server.js');
};
