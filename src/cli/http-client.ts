/**
 * The CLI's calls to a Conform server, and what it says when the connection fails: before an answer
 * ("cannot reach"), or part-way through one (the connection ended or stalled: undici, behind fetch, gives up
 * on a server silent for 300 s, for the answer's headers and between pieces of its body alike). Every
 * failure is a UsageError (exit code 2, one line on stderr) that names the server's origin, never the token.
 */
import { UsageError } from './io.js';

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

/** Reads an answer's whole text; a connection that ends or stalls first says so. */
export async function responseText(response: Response, origin: string, what: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new UsageError(`the connection to ${origin} ended before ${what} arrived (${networkCause(error)}); run the command again`);
  }
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
