import { join } from 'node:path';

/**
 * Where `npm run build:page` (scripts/build-page.ts) leaves the page's bundled script and
 * stylesheet, with their gzip and brotli copies: beside this module, in src/ for the tests and
 * the scripts, in dist/ after `nest build` has copied it.
 */
export const PAGE_BUNDLE_DIR = join(__dirname, 'bundle');
export const PAGE_BUNDLE_FILES = { script: 'page.js', style: 'style.css' } as const;
