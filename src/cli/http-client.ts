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

/** fetch, with a connection that fails before any answer said as "cannot reach". */
export async function fetchFrom(url: URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new UsageError(`cannot reach ${url.origin}: ${networkCause(error)}`);
  }
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
