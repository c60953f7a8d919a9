/**
 * A request body is read as UTF-8 on every API route that takes one, and the service says so rather than
 * guess (checked before a byte of the body is read, like its coding in body-coding.ts):
 *
 * - A `charset` parameter on the `Content-Type` may be a label of UTF-8 (`utf-8`, `utf8` …) or of ASCII
 *   (`us-ascii`, `ascii`: ASCII is UTF-8), in any case, quoted or not. Any other (`windows-1252`,
 *   `iso-8859-1`, `utf-16`) is a 415 naming it, the header and the charsets read, and saying to send
 *   UTF-8: reading such a body as UTF-8 would turn its accented letters into replacement characters, or a
 *   UTF-16 file into nonsense, and answer about that instead. The rule, and the parsing of the header's
 *   parameters, are validation/readers/charset.ts's. A route whose reader depends on the version named in its path
 *   (validate and trial: a batch file's CSV may be Windows-1252) says so (`app.charsetByVersion`) and is
 *   left to the submission service, which applies the same rule once the version is known, before it
 *   reads a byte of the body.
 * - A body the service parses itself (JSON bodies, publish's JSON or YAML) is checked byte by byte as it
 *   arrives (after gzip is inflated): a byte that is not valid UTF-8 is a 400 naming its offset, where
 *   hapi would have replaced it with U+FFFD and stored the result (a column name, an enum value) changed.
 *   Submissions and /v1/suggest read their bytes in the engine, whose readers already report bytes that
 *   are not UTF-8 (a finding, or a 400). /v1/suggest's raw body is read through hapi's tap all the same,
 *   so that a chunked body past its limit is answered with the 413 (see registerBodyText).
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from '../api-paths.js';
import { takesBody } from './body-coding.js';
import { charsetRefusal, declaredCharsets } from '../validation/readers/charset.js';

/** The charset parameters of a request's Content-Type. */
export const requestCharsets = (request: Request): string[] => declaredCharsets(request.raw.req.headers['content-type'] ?? '');

function checkCharset(request: Request): void {
  if (request.route.settings.app?.charsetByVersion === true) return;
  const refusal = charsetRefusal(requestCharsets(request), 'utf-8');
  if (refusal !== undefined) throw Boom.unsupportedMediaType(refusal);
}

/** The range of the byte after a lead byte, and how many continuation bytes (80-BF) follow it (RFC 3629). */
function leadOf(byte: number): { low: number; high: number; more: number } | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return { low: 0x80, high: 0xbf, more: 0 };
  if (byte === 0xe0) return { low: 0xa0, high: 0xbf, more: 1 };
  if (byte === 0xed) return { low: 0x80, high: 0x9f, more: 1 }; // no surrogates
  if (byte >= 0xe1 && byte <= 0xef) return { low: 0x80, high: 0xbf, more: 1 };
  if (byte === 0xf0) return { low: 0x90, high: 0xbf, more: 2 };
  if (byte >= 0xf1 && byte <= 0xf3) return { low: 0x80, high: 0xbf, more: 2 };
  if (byte === 0xf4) return { low: 0x80, high: 0x8f, more: 2 }; // nothing above U+10FFFF
  return undefined;
}

/**
 * A UTF-8 check over a body's chunks as they arrive: the offset where the first character that is not
 * valid UTF-8 starts (a sequence split between chunks is followed across them).
 */
export class Utf8Watch {
  private seen = 0;
  /** The offset of the sequence in progress, the byte range its next byte must be in, and the bytes after that. */
  private start = 0;
  private low = 0;
  private high = 0;
  private pending = -1;
  private bad: number | undefined;

  add(chunk: Uint8Array): void {
    if (this.bad !== undefined) return;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      const at = this.seen + i;
      if (this.pending >= 0) {
        if (byte < this.low || byte > this.high) {
          this.bad = this.start;
          return;
        }
        this.low = 0x80;
        this.high = 0xbf;
        this.pending--;
      } else if (byte >= 0x80) {
        const lead = leadOf(byte);
        if (!lead) {
          this.bad = at;
          return;
        }
        this.start = at;
        this.low = lead.low;
        this.high = lead.high;
        this.pending = lead.more;
      }
    }
    this.seen += chunk.length;
  }

  /** The offset where the first invalid character starts, or undefined when the body is valid UTF-8. */
  end(): number | undefined {
    return this.bad ?? (this.pending >= 0 ? this.start : undefined);
  }
}

const WATCH = Symbol('utf8-watch');
type Watched = Request & { [WATCH]?: Utf8Watch };

export function registerBodyText(server: Server): void {
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    const payload = request.route.settings.payload;
    if (!takesBody(request) || !payload || !isApiPath(request.path)) return h.continue;
    checkCharset(request);
    if (payload.parse !== false && payload.output === 'data') {
      const watch = new Utf8Watch();
      (request as Watched)[WATCH] = watch;
      request.events.on('peek', (chunk) => watch.add(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    } else if (payload.output === 'data') {
      // A raw body read whole (`parse: false`: /v1/suggest) is read through hapi's tap too. Past `maxBytes`
      // hapi's reader destroys the stream it reads: without a tap the request itself, and with it the
      // socket, so a chunked body past the limit (no Content-Length to refuse up front) got no answer at
      // all. With the tap, the route's 413 goes out.
      request.events.on('peek', () => undefined);
    }
    return h.continue;
  });
  server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
    const at = (request as Watched)[WATCH]?.end();
    if (at !== undefined) {
      throw Boom.badRequest(
        `the body is not valid UTF-8: byte ${at} (counting from 0${request.headers['content-encoding'] ? ', after gzip is inflated' : ''}) starts a sequence that is not UTF-8; save the text as UTF-8 and send it again`,
      );
    }
    return h.continue;
  });
}
