import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The tsconfig.json nearest above `dir`: where the path aliases (@lotse/*) the sources use are declared. */
const nearestTsconfig = (dir: string): string => {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'tsconfig.json'))) return join(at, 'tsconfig.json');
    if (dirname(at) === at) throw new Error(`no tsconfig.json above ${dir}`);
  }
};

/**
 * The code a worker thread is started with (`eval`) to load `entry`. A built entry (.js) is just
 * required. A source entry (.ts: development, tests, the bench) needs TypeScript compiled in the
 * thread as well; `@swc-node/register` would do it but first loads the whole TypeScript compiler,
 * a second or more of CPU per thread at every start, for the handful of files a thread needs. So
 * the thread compiles them with swc alone, with the module, target and path aliases of tsconfig.json.
 */
export const threadBootstrap = (entry: string): string => {
  if (!entry.endsWith('.ts')) return `require(${JSON.stringify(entry)});`;
  const tsconfig = nearestTsconfig(dirname(entry));
  const swc = require.resolve('@swc/core');
  return `
    const { readFileSync } = require('node:fs');
    const { dirname, resolve } = require('node:path');
    const { transformSync } = require(${JSON.stringify(swc)});
    const tsconfig = ${JSON.stringify(tsconfig)};
    const { compilerOptions: o } = JSON.parse(readFileSync(tsconfig, 'utf8'));
    const options = {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: o.target.toLowerCase(),
        baseUrl: resolve(dirname(tsconfig), o.baseUrl),
        paths: o.paths,
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
      swcrc: false,
    };
    require.extensions['.ts'] = (module, filename) =>
      module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
    require(${JSON.stringify(entry)});`;
};

/**
 * The process's Node options that a thread may take too. Preloads (`-r`, `--require`) are dropped:
 * `node -r @swc-node/register` (how the bench and the scripts run) would load the TypeScript
 * compiler into every thread, and the bootstrap loads what a thread needs. So are V8's and the
 * other per-process options (`npm start` runs with `--max-semi-space-size`): Node refuses a thread
 * any of them (ERR_WORKER_INVALID_EXEC_ARGV), and no list of them is public, so only options known
 * to be per thread are kept.
 */
export const threadExecArgv = (execArgv: readonly string[]): string[] => execArgv.filter(isPerThreadOption);

const PER_THREAD = ['--no-warnings', '--enable-source-maps', '--no-deprecation', '--trace-warnings', '--trace-uncaught'];
const PER_THREAD_PREFIXES = ['--experimental-', '--no-experimental-', '--conditions=', '--disable-warning='];

const isPerThreadOption = (arg: string): boolean => PER_THREAD.includes(arg) || PER_THREAD_PREFIXES.some((p) => arg.startsWith(p));
