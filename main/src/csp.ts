/**
 * The renderer's Content Security Policy, one string for the Electron window (header and meta tag) and the web shell.
 *
 * Why each source: the bundle is served from our own origin only ('self'); styles allow inline because React sets
 * `style` attributes; images and PDF pages are drawn from data:/blob: URLs; pdf.js runs its worker from our origin or a
 * blob. No 'unsafe-eval' (pdf.js runs with isEvalSupported: false), no remote hosts: the renderer talks only to the
 * bridge, never to the API.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every renderer response carries, in the window and in the web shell. */
export const CABECERAS_SEGURIDAD: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
