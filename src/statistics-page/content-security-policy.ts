/**
 * The statistics page's own Content-Security-Policy, stricter than the global one: nothing but its
 * own files (the page's script and the charting library the app serves from node_modules), no
 * inline script, no frames, no plugins. The charting library writes a <style> into each chart and
 * sets style attributes, hence 'unsafe-inline' for styles only; styles run no code. Signing in
 * with the OIDC provider fetches its discovery document and token endpoint from the page, so the
 * provider's origin may be connected to, nothing else.
 */
export const statisticsPageCsp = (providerOrigin: string | undefined): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${providerOrigin ? ` ${providerOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
