/**
 * Transpiles the app (src, libs) ahead of time into a directory inside the repository (so that
 * node_modules resolves), with the very settings `@swc-node/register` uses at run time, minus
 * source maps, and copies the files the app reads at run time beside it. A process started from
 * the result runs plain JavaScript like `npm start` does: it neither compiles every module again
 * at each start (seconds of CPU) nor holds a TypeScript compiler in its memory (about 110 MB).
 *
 * The bench's measured server and the tests' app processes and command-line scripts start from
 * such a tree; `node -r @swc-node/register scripts/compile-sources.ts <outDir> [extra file or directory…]`
 * writes one.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { compile } from '@swc-node/register/register';
import { readDefaultTsConfig } from '@swc-node/register/read-default-tsconfig';
import { ModuleKind } from 'typescript';

const ROOT = join(__dirname, '..');
/** The app and its libraries. */
const TREES = ['src', 'libs'];
/** A directory and everything under it, as nest-cli.json's assets name one. */
const WHOLE_DIRECTORY = '/**/*';

/**
 * The files the app reads at run time, copied as they are: the very list of nest-cli.json's
 * `assets` (what `nest build` copies for `npm start`), as paths relative to the repository.
 */
const assets = (): string[] => {
  const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
    sourceRoot: string;
    compilerOptions: { assets: Array<{ include: string }> };
  };
  return nestCli.compilerOptions.assets.map(({ include }) => {
    // Only plain paths and whole directories: a wider glob here would need a glob library.
    const path = include.endsWith(WHOLE_DIRECTORY) ? include.slice(0, -WHOLE_DIRECTORY.length) : include;
    if (/[*?[{]/.test(path)) throw new Error(`nest-cli.json asset ${include}: only a path or <dir>${WHOLE_DIRECTORY} is understood here`);
    return join(nestCli.sourceRoot, path);
  });
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

/** The TypeScript sources a path names: the file itself, or every source under a directory. */
const sourcesAt = (path: string): string[] => (statSync(path).isDirectory() ? sources(path) : [path]);

/**
 * Writes the compiled app, and `extraFiles` (paths relative to the repository: files, or directories
 * whose every source is taken), into `outDir`, mirroring the tree.
 */
export const compileSources = (outDir: string, extraFiles: readonly string[] = []): void => {
  // fallbackToTs (tsc for files swc cannot take) is a hook of the register, not a compiler option.
  const { fallbackToTs: _hook, ...tsconfig } = readDefaultTsConfig(join(ROOT, 'tsconfig.json'));
  const options = { ...tsconfig, module: ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false };
  const files = [...TREES.flatMap((tree) => sources(join(ROOT, tree))), ...extraFiles.flatMap((file) => sourcesAt(join(ROOT, file)))];
  for (const file of files) {
    // Path aliases (@lotse/*) come out as relative requires, so the mirrored tree keeps working.
    const code = compile(readFileSync(file, 'utf8'), file, { ...options });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
  for (const asset of assets()) cpSync(join(ROOT, asset), join(outDir, asset), { recursive: true });
};

if (require.main === module) {
  const [outDir, ...extraFiles] = process.argv.slice(2);
  if (!outDir) {
    process.stderr.write('usage: node -r @swc-node/register scripts/compile-sources.ts <outDir> [extra file or directory…]\n');
    process.exit(2);
  }
  const target = resolve(outDir);
  rmSync(target, { recursive: true, force: true });
  compileSources(target, extraFiles);
}
