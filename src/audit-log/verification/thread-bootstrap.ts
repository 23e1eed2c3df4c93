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
 * The process's Node options for a thread, without its preloads (`-r`, `--require`): a thread
 * inherits them, and `node -r @swc-node/register` (how the bench and the scripts run) would load
 * the TypeScript compiler into every thread regardless; the bootstrap loads what a thread needs.
 */
export const threadExecArgv = (execArgv: readonly string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i += 1) {
    const arg = execArgv[i];
    if (arg === '-r' || arg === '--require') i += 1;
    else if (!arg.startsWith('--require=')) kept.push(arg);
  }
  return kept;
};
