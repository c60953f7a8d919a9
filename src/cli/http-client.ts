/**
 * The CLI's calls to a Conform server, and what it says when the connection fails: before an answer
 * ("cannot reach"), or part-way through one (the connection ended or stalled: undici, behind fetch, gives up
 * on a server silent for 300 s, for the answer's headers and between pieces of its body alike). Every
 * failure is a UsageError (exit code 2, one line on stderr) that names the server's origin, never the token.
 */
import { UsageError } from './io.js';
import { sizeWords } from '../validation/size-words.js';

/**
 * Why a connection failed, from fetch's error: its cause's code when it has one (ECONNREFUSED,
 * UND_ERR_HEADERS_TIMEOUT, …), else its cause's message (fetch refuses some ports outright, "bad port"),
 * and only then fetch's own "fetch failed", which says nothing.
 */
export function networkCause(error: unknown): string {
  const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (cause?.message === 'bad port') return 'fetch refuses this port (as browsers do: 1, 6000, 10080, …); serve on another port';
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
  return (error as Error).message;
}

/** What the codes of a connection that never started mean, and what to check (the code kept, for a search). */
const UNREACHED: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address and port (ECONNREFUSED); is the server running, and is the port right?',
  ENOTFOUND: 'no computer has that name (ENOTFOUND); check the server name',
  EAI_AGAIN: 'its name could not be looked up just now (EAI_AGAIN); check the network, then try again',
  EHOSTUNREACH: 'no route to that computer (EHOSTUNREACH); check the network and the address',
  ENETUNREACH: 'no route to that network (ENETUNREACH); check the network and the address',
  ETIMEDOUT: 'the connection timed out (ETIMEDOUT); check the address, and that a firewall lets it through',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out (UND_ERR_CONNECT_TIMEOUT); check the address, and that a firewall lets it through',
  ECONNRESET: 'the connection was closed as it opened (ECONNRESET); check that the address is the Conform server, and its scheme (http or https)',
  EPROTO: 'the secure connection failed (EPROTO); check the scheme: http:// for a server without TLS, https:// for one with it',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'the secure connection failed (ERR_SSL_WRONG_VERSION_NUMBER); check the scheme: http:// for a server without TLS, https:// for one with it',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired (CERT_HAS_EXPIRED)',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'its TLS certificate is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); NODE_EXTRA_CA_CERTS names a file of certificates to trust',
  SELF_SIGNED_CERT_IN_CHAIN:
    'its TLS certificate is signed by an authority not trusted here (SELF_SIGNED_CERT_IN_CHAIN); NODE_EXTRA_CA_CERTS names a file of certificates to trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its TLS certificate cannot be checked (UNABLE_TO_VERIFY_LEAF_SIGNATURE); NODE_EXTRA_CA_CERTS names a file of certificates to trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its TLS certificate cannot be checked (UNABLE_TO_GET_ISSUER_CERT_LOCALLY); NODE_EXTRA_CA_CERTS names a file of certificates to trust',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name (ERR_TLS_CERT_ALTNAME_INVALID); check the server name',
};

/** fetch, with a connection that fails before any answer said as "cannot reach", in words and what to check. */
export async function fetchFrom(url: URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = networkCause(error);
    throw new UsageError(`cannot reach ${url.origin}: ${UNREACHED[cause] ?? cause}`);
  }
}

/**
 * The address of `path` on the server given (`--server` or CONFORM_SERVER): an http:// or https:// URL. A
 * server given without its scheme (`localhost:3000`, `conform.example`) is told the URL it may mean; the
 * value is repeated only when it holds no user or password (`user:secret@host`).
 */
export function serverUrl(server: string, path: string): URL {
  const shown = server.includes('@') ? 'the server given' : server;
  let url: URL | undefined;
  try {
    url = new URL(path, server);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(server) && /^[\w.-]+(:\d+)?(\/|$)/.test(server)) {
    const local = /^(localhost|127\.|\[?::1)/i.test(server);
    const meant = `${local ? 'http' : 'https'}://${server}`;
    throw new UsageError(`--server (or CONFORM_SERVER) must be a URL with its scheme: ${shown === server ? `did you mean ${meant}?` : `http:// or https://`}`);
  }
  throw new UsageError(`--server (or CONFORM_SERVER) must be an http:// or https:// URL, such as http://localhost:3000; ${shown} is not one`);
}

/**
 * The most bytes of one answer read into memory (a report, a bundle, a page of a list, a problem): a
 * server's JSON report keeps at most 100,000 findings, and a schema is at most 64 MiB even where the service
 * is configured to take the largest, so more is no answer of a Conform server's.
 */
export const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

/**
 * Reads an answer's whole text, at most `maxBytes` of it; a connection that ends or stalls first, or an
 * answer that goes past the bound, says so (the rest is not read).
 */
export async function responseText(response: Response, origin: string, what: string, maxBytes = MAX_ANSWER_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = (): UsageError =>
    new UsageError(`${origin} sent ${what} larger than ${sizeWords(maxBytes)}, more than a Conform server sends; nothing of it was used`);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const pieces: Uint8Array[] = [];
  let read = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  try {
    for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
      read += piece.value.byteLength;
      if (read > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      pieces.push(piece.value);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the connection to ${origin} ended before ${what} arrived (${networkCause(error)}); run the command again`);
  }
  return new TextDecoder().decode(Buffer.concat(pieces, read));
}

/** An answer's text parsed as JSON, or undefined when it is not JSON (never an error that quotes what the server sent). */
export function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The `detail` of a problem-details answer, when the answer is one. */
export function problemDetail(body: unknown): string | undefined {
  const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  return typeof detail === 'string' ? detail : undefined;
}

/** An answer's body a piece at a time; a connection that ends or stalls part-way says that what was written is incomplete. */
export async function* bodyPieces(body: ReadableStream<Uint8Array>, origin: string, what: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const piece of body) yield piece;
  } catch (error) {
    throw new UsageError(
      `the connection to ${origin} ended part-way through ${what} (${networkCause(error)}): what was written is incomplete; run the command again`,
    );
  }
}
