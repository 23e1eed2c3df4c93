import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GERMAN_LABELS } from './german-labels';
import { LoginSettings } from './login-settings';

/**
 * The page and the files it loads, read once at start: its own script and stylesheet (web/, copied
 * beside the compiled code by `nest build`), the German labels as a script module, and the charting
 * library (Observable Plot with its d3) from node_modules — served by the app, never from a CDN.
 */
export interface PageAsset {
  body: Buffer;
  contentType: string;
  /** The libraries change only with a new install; the page's own files may change with every start. */
  cacheControl: string;
}

const WEB = join(__dirname, 'web');
const JS = 'text/javascript; charset=utf-8';
const LIBRARY_CACHE = 'public, max-age=3600';
const OWN_CACHE = 'no-cache';

/** A file of an installed package's dist folder, found through the package's own entry point. */
const packageDist = (entry: string, file: string): Buffer => readFileSync(join(dirname(require.resolve(entry)), file));

/** The page's own modules and stylesheet: every .js and .css file of web/. */
const ownFiles = (): [string, PageAsset][] =>
  readdirSync(WEB)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => [
      file,
      { body: readFileSync(join(WEB, file)), contentType: file.endsWith('.css') ? 'text/css; charset=utf-8' : JS, cacheControl: OWN_CACHE },
    ]);

export const loadPageAssets = (): ReadonlyMap<string, PageAsset> =>
  new Map<string, PageAsset>([
    ...ownFiles(),
    [
      'labels.js',
      { body: Buffer.from(`export const LABELS = ${JSON.stringify(GERMAN_LABELS)};\n`), contentType: JS, cacheControl: OWN_CACHE },
    ],
    // d3's entry is dist/d3.mjs under Node's conditions, Plot's src/index.js: their UMD builds sit beside or above.
    ['d3.js', { body: packageDist('d3', 'd3.min.js'), contentType: JS, cacheControl: LIBRARY_CACHE }],
    ['plot.js', { body: packageDist('@observablehq/plot', '../dist/plot.umd.min.js'), contentType: JS, cacheControl: LIBRARY_CACHE }],
  ]);

const attribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML shell with the login settings as data attributes: no inline script, which the policy forbids. */
export const renderPage = (login: LoginSettings): string => {
  const template = readFileSync(join(WEB, 'index.html'), 'utf8');
  const data =
    login.mode === 'oidc'
      ? `data-login="oidc" data-issuer="${attribute(login.issuer)}" data-client-id="${attribute(login.clientId)}"`
      : 'data-login="development"';
  return template.replace('data-login-settings', data);
};
