/**
 * The statistics page's own Content-Security-Policy, stricter than the global one: nothing but its
 * own files (its bundled script and its stylesheet), no inline script or style (its charts are SVG
 * with presentation attributes), no frames, no plugins. Signing in
 * with the OIDC provider fetches its discovery document and token endpoint from the page, so the
 * provider's origin may be connected to, nothing else.
 */
export const statisticsPageCsp = (providerOrigin: string | undefined): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${providerOrigin ? ` ${providerOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
