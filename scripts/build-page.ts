/**
 * `npm run build:page` bundles the statistics page for the browser: its ES modules (its charts
 * are SVG built on d3-scale) and the German labels, minified into one script, and its
 * stylesheet minified — each beside a gzip and a brotli copy, compressed here once
 * rather than on every answer. The output, src/statistics-page/bundle/, is generated (not
 * committed); `nest build` copies it beside the compiled page module, and the tests build it
 * before they start (test/support/global-setup.ts).
 *
 * One script instead of several files: a fresh browser would fetch the page's modules one import
 * level after the other.
 */
import { build, Plugin } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { GERMAN_LABELS } from '../src/statistics-page/german-labels';
import { PAGE_BUNDLE_DIR, PAGE_BUNDLE_FILES } from '../src/statistics-page/page-bundle';

const WEB = join(__dirname, '..', 'src', 'statistics-page', 'web');

/** `./labels.js` of the page's modules: the German names of the codes, from the one table the app keeps them in. */
const germanLabels: Plugin = {
  name: 'lotse-german-labels',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/labels\.js$/ }, () => ({ path: 'labels', namespace: 'lotse-labels' }));
    builder.onLoad({ filter: /.*/, namespace: 'lotse-labels' }, () => ({
      contents: `export const LABELS = ${JSON.stringify(GERMAN_LABELS)};`,
      loader: 'js',
    }));
  },
};

const compressed = (file: string): void => {
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
};

export const buildPageBundle = async (outDir: string = PAGE_BUNDLE_DIR): Promise<void> => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      [PAGE_BUNDLE_FILES.script.replace(/\.js$/, '')]: join(WEB, 'page.js'),
      [PAGE_BUNDLE_FILES.style.replace(/\.css$/, '')]: join(WEB, 'style.css'),
    },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    // Browsers of the last years: ES2020 keeps `?.` and `??` as they are.
    target: 'es2020',
    legalComments: 'eof',
    plugins: [germanLabels],
    logLevel: 'warning',
  });
  for (const file of Object.values(PAGE_BUNDLE_FILES)) compressed(join(outDir, file));
};

if (require.main === module) {
  buildPageBundle().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
