import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { compile } from '@swc-node/register/register';
import { readDefaultTsConfig } from '@swc-node/register/read-default-tsconfig';
import { ModuleKind } from 'typescript';

const ROOT = join(__dirname, '..');
/** What the measured server loads: the app, its libraries and the bench's own entry and routes. */
const TREES = ['src', 'libs'];
/** Files the app reads at run time, copied as they are (as nest-cli.json's `assets` does for `npm start`). */
const ASSETS = ['src/statistics-page/web', 'src/statistics-page/bundle'];
const BENCH_FILES = [
  'bench/http-server.ts',
  'bench/http-cluster.ts',
  'bench/http-server-messages.ts',
  'bench/http-bench-routes.ts',
  'bench/peak-rss.ts',
  'bench/pauses.ts',
];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

/**
 * Transpiles the server ahead of time into `outDir` (inside the repository, so `node_modules`
 * resolves), with the very settings `@swc-node/register` uses at run time, minus source maps:
 * the measured process then runs plain JavaScript like `npm start` does, and its RSS holds no
 * TypeScript compiler (about 110 MB of it under `-r @swc-node/register`). Returns the entry file.
 */
export const compileServer = (outDir: string): string => {
  // fallbackToTs (tsc for files swc cannot take) is a hook of the register, not a compiler option.
  const { fallbackToTs: _hook, ...tsconfig } = readDefaultTsConfig(join(ROOT, 'tsconfig.json'));
  const options = { ...tsconfig, module: ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false };
  const files = [...TREES.flatMap((tree) => sources(join(ROOT, tree))), ...BENCH_FILES.map((file) => join(ROOT, file))];
  for (const file of files) {
    // Path aliases (@lotse/*) come out as relative requires, so the mirrored tree keeps working.
    const code = compile(readFileSync(file, 'utf8'), file, { ...options });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
  for (const asset of ASSETS) cpSync(join(ROOT, asset), join(outDir, asset), { recursive: true });
  return join(outDir, 'bench', 'http-server.js');
};
