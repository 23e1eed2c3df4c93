/** The page's files (`PageAssets`), read once at start. */
export const PAGE_ASSETS = Symbol('PAGE_ASSETS');
/** The rendered HTML shell and its Content-Security-Policy. */
export const PAGE_SHELL = Symbol('PAGE_SHELL');

export interface PageShell {
  html: string;
  csp: string;
}
