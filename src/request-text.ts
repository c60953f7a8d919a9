/**
 * Text in a request's address and in the pages' urlencoded forms is UTF-8, percent-encoded or not, on both
 * faces. hapi (like any `querystring` parser) replaces bytes that are not UTF-8 with U+FFFD, so
 * `?filename=%FF.csv` or a withdrawal reason typed in windows-1252 was stored changed; here the bytes are
 * decoded strictly instead, and a parameter or field that is not UTF-8 is a 400 naming it (never its value):
 * a problem on the API (`errors` names the query parameter), an error page on the pages.
 *
 * - The query: every request, before routing (`onRequest`), from the raw request line.
 * - A urlencoded form body on a page: its bytes are kept as hapi reads them (`peek`), and checked once the
 *   body is read (`onPostAuth`), before a handler sees the parsed fields. (The API takes no urlencoded body;
 *   its JSON and YAML bodies are checked byte by byte in http/body-text.ts.)
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from './api-paths.js';
import { DomainError } from './services/errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The bytes a urlencoded name or value stands for: `+` is a space, `%XX` a byte, anything else its own byte(s). */
function bytesOf(text: Buffer): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    const hex = byte === 0x25 && i + 2 < text.length ? text.toString('latin1', i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else out[n++] = byte === 0x2b ? 0x20 : byte;
  }
  return out.subarray(0, n);
}

const isUtf8 = (bytes: Buffer): boolean => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** A name as a refusal repeats it: printable ASCII of at most 40 characters, else undefined. */
const shown = (name: Buffer): string | undefined => {
  const text = name.toString('latin1');
  return /^[\x21-\x7e]{1,40}$/.test(text) && !text.includes('"') ? text : undefined;
};

/** The first `name=value` pair of a urlencoded text whose name or value is not UTF-8: its name as shown (or null when it cannot be shown). */
export function firstNotUtf8(encoded: Buffer): { name: string | null } | undefined {
  let start = 0;
  while (start <= encoded.length) {
    let end = encoded.indexOf(0x26, start); // &
    if (end === -1) end = encoded.length;
    const pair = encoded.subarray(start, end);
    const eq = pair.indexOf(0x3d); // =
    const name = bytesOf(eq === -1 ? pair : pair.subarray(0, eq));
    const value = eq === -1 ? Buffer.alloc(0) : bytesOf(pair.subarray(eq + 1));
    if (!isUtf8(name)) return { name: null };
    if (!isUtf8(value)) return { name: shown(name) ?? null };
    start = end + 1;
  }
  return undefined;
}

const FORM = 'application/x-www-form-urlencoded';
const KEPT = Symbol('conform.formBytes');
type Kept = Request & { [KEPT]?: Buffer[] };

export function registerRequestText(server: Server): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const raw = request.raw.req.url ?? '';
    const q = raw.indexOf('?');
    if (q === -1) return h.continue;
    const hash = raw.indexOf('#', q);
    // Node keeps the request line's bytes as latin1 characters: this is the query as sent.
    const bad = firstNotUtf8(Buffer.from(raw.slice(q + 1, hash === -1 ? undefined : hash), 'latin1'));
    if (!bad) return h.continue;
    const api = isApiPath(request.path);
    if (bad.name === null) {
      throw new DomainError(
        'invalid-input',
        api
          ? 'a query parameter is not UTF-8: its percent-encoded bytes are not UTF-8 text; encode the text as UTF-8, then percent-encode it'
          : 'The address has a part that is not UTF-8 text; go back and try again.',
        api ? [{ in: 'query', detail: 'a parameter name is not UTF-8' }] : [],
      );
    }
    throw new DomainError(
      'invalid-input',
      api
        ? `${bad.name} is not UTF-8: its percent-encoded bytes are not UTF-8 text; encode the text as UTF-8, then percent-encode it`
        : `The address gives "${bad.name}" in text that is not UTF-8; go back and try again.`,
      api ? [{ in: 'query', name: bad.name, pointer: `/${bad.name.replaceAll('~', '~0').replaceAll('/', '~1')}`, detail: 'is not UTF-8' }] : [],
    );
  });
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    const payload = request.route.settings.payload;
    const type = (request.raw.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (isApiPath(request.path) || type !== FORM || !payload || payload.parse === false || payload.output !== 'data') return h.continue;
    const kept: Buffer[] = [];
    (request as Kept)[KEPT] = kept;
    request.events.on('peek', (chunk) => kept.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk)));
    return h.continue;
  });
  server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
    const kept = (request as Kept)[KEPT];
    if (!kept) return h.continue;
    const bad = firstNotUtf8(Buffer.concat(kept));
    if (!bad) return h.continue;
    throw new DomainError(
      'invalid-input',
      bad.name === null
        ? 'The form has a field whose name is not UTF-8 text; reload the page and send the form again.'
        : `The form's "${bad.name}" field is not UTF-8 text; type it again (or paste it as plain text) and send the form again.`,
    );
  });
}
