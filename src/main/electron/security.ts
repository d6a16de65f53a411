/**
 * The renderer's Content-Security-Policy. index.html carries the same policy
 * in a meta tag; main also sends it as a header so a dev server or a future
 * protocol handler cannot serve the page without it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Only these schemes may leave the app, and only to the OS browser. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * True when `url` is the page this app loaded: the bundled index.html (file:)
 * or, in development, the dev server's origin. Query and hash may differ.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(appUrl);
    if (a.protocol !== b.protocol) return false;
    if (a.protocol === 'file:') return a.pathname === b.pathname;
    return a.origin === b.origin;
  } catch {
    return false;
  }
}
