/**
 * Where to go after signing in: only a path on this site. Anything else (another origin, a scheme, a
 * protocol-relative `//host` or `/\host` that browsers read as one, control characters or white space that
 * browsers strip before reading it, a header injection) falls back to the validate page.
 */
export const DEFAULT_NEXT = '/validate';
/** The longest `next` kept, and the longest value of any query parameter a page reads (web/plugin.ts). */
export const MAX_LENGTH = 2048;
const BASE = 'http://conform.invalid';

export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return DEFAULT_NEXT;
  // One leading "/", then a character that is neither "/" nor "\"; no backslash, white space, control
  // character (C0, DEL, C1) or encoded slash or backslash anywhere; only printable ASCII.
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.includes('\\') || /%(2f|5c)/i.test(value)) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== BASE) return DEFAULT_NEXT;
  // The resolved path (dot segments gone), so what the browser is sent to is exactly what was checked.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? DEFAULT_NEXT : path;
}

/**
 * The sign-in page's address for someone sent there from `path`: with `next` set to it, unless it is
 * longer than a `next` is kept (then sign-in leads to the default), so the redirect's Location never
 * grows with the address asked for.
 */
export const signInAddress = (path: string): string => (path.length <= MAX_LENGTH ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in');
