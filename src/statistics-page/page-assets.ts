import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Encoding, ENCODINGS } from './content-encoding';
import { LoginSettings } from './login-settings';
import { PAGE_BUNDLE_DIR, PAGE_BUNDLE_FILES } from './page-bundle';

/**
 * The page's two files, read once at start from the bundle `npm run build:page` made: its script
 * (the page's modules with their SVG charts, and the German labels) and its
 * stylesheet, each as it is and compressed. Their names carry a hash of their content, so a
 * browser may keep them for a year: a changed file is a new name, which the HTML shell (never
 * cached) refers to.
 */
export interface PageAsset {
  contentType: string;
  bodies: Readonly<Record<Encoding, Buffer>>;
}

export interface PageAssets {
  /** The files by their hashed name, as the shell refers to them. */
  files: ReadonlyMap<string, PageAsset>;
  scriptName: string;
  styleName: string;
}

const WEB = join(__dirname, 'web');
export const ASSET_PATH = '/statistics/assets/';
/** A hashed name never changes its content. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

const read = (file: string): Buffer => {
  const path = join(PAGE_BUNDLE_DIR, file);
  if (!existsSync(path)) throw new Error(`the statistics page is not built: ${path} is missing (npm run build:page)`);
  return readFileSync(path);
};

/** `page.js` → `page.<hash>.js`: the first 16 hex digits of the SHA-256 of its content. */
const hashedName = (file: string, body: Buffer): string => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return file.replace(/\.(\w+)$/, `.${hash}.$1`);
};

const asset = (file: string, contentType: string): [string, PageAsset] => {
  const identity = read(file);
  const compressed = Object.fromEntries(ENCODINGS.map((encoding) => [encoding, read(`${file}.${encoding === 'gzip' ? 'gz' : encoding}`)]));
  return [hashedName(file, identity), { contentType, bodies: { identity, ...compressed } as Record<Encoding, Buffer> }];
};

export const loadPageAssets = (): PageAssets => {
  const script = asset(PAGE_BUNDLE_FILES.script, 'text/javascript; charset=utf-8');
  const style = asset(PAGE_BUNDLE_FILES.style, 'text/css; charset=utf-8');
  return { files: new Map([script, style]), scriptName: script[0], styleName: style[0] };
};

const attribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML shell with its files' hashed names and the login settings as data attributes: no inline script, which the policy forbids. */
export const renderPage = (login: LoginSettings, assets: Pick<PageAssets, 'scriptName' | 'styleName'>): string => {
  const template = readFileSync(join(WEB, 'index.html'), 'utf8');
  const data =
    login.mode === 'oidc'
      ? `data-login="oidc" data-issuer="${attribute(login.issuer)}" data-client-id="${attribute(login.clientId)}"`
      : 'data-login="development"';
  return template
    .replace(`${ASSET_PATH}${PAGE_BUNDLE_FILES.script}`, `${ASSET_PATH}${assets.scriptName}`)
    .replace(`${ASSET_PATH}${PAGE_BUNDLE_FILES.style}`, `${ASSET_PATH}${assets.styleName}`)
    .replace('data-login-settings', data);
};
