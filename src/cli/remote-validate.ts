/**
 * `conform validate --server <url>` (or CONFORM_SERVER): streams the file to the service (never read whole) and
 * returns the service's report, which the CLI prints exactly as it prints a local one. A submission is
 * stored by the service; with `trial` the file goes to the trial operation, which stores nothing.
 */
import { Readable, Transform } from 'node:stream';
import type { InputFormat, Report } from '../validation/report-types.js';
import type { AckKind } from '../validation/ack-file.js';
import { parseStandardRef } from '../registry/resolve.js';
import { UsageError } from './io.js';
import { fetchFrom, parsedJson, serverUrl, problemDetail, responseText } from './http-client.js';

const CONTENT_TYPES: Record<InputFormat, string> = { json: 'application/json', ndjson: 'application/x-ndjson', csv: 'text/csv' };
/** A file whose format its name says, by the server's version (a batch file's .dat): the server decides (`?filename=`). */
const NAMED_FILE = 'application/octet-stream';

export interface RemoteValidation {
  server: string;
  token: string;
  standard: string;
  /** Undefined when neither --format nor the usual extensions say it: the server decides by the file's name and the version. */
  format: InputFormat | undefined;
  source: AsyncIterable<Buffer>;
  maxFindings: number | undefined;
  period?: string;
  /** A trial run: the full report, nothing stored. */
  trial?: boolean;
  /** `none`: do not apply the organisation's saved column mapping. */
  mapping?: 'none';
  fileName?: string;
  /** Bytes sent so far. */
  onSent: (bytes: number) => void;
}

/** The server refused the file because it cannot be read at all (its problem names it `unreadable`): nothing was stored. */
export class UnreadableOnServer extends UsageError {}

export async function validateOnServer(request: RemoteValidation): Promise<Report> {
  const { id, spec } = parseStandardRef(request.standard);
  const url = serverUrl(request.server, `/v1/standards/${encodeURIComponent(id)}/versions/${encodeURIComponent(spec)}/${request.trial ? 'trial' : 'validate'}`);
  if (request.maxFindings !== undefined) url.searchParams.set('maxFindings', String(request.maxFindings));
  if (request.period !== undefined) url.searchParams.set('period', request.period);
  if (request.mapping !== undefined) url.searchParams.set('mapping', request.mapping);
  if (request.fileName !== undefined) url.searchParams.set('filename', request.fileName);
  let sent = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      request.onSent(sent);
      done(null, chunk);
    },
  });
  const body = Readable.from(request.source).pipe(counting);
  const response = await fetchFrom(url, {
    method: 'POST',
    body: Readable.toWeb(body) as ReadableStream<Uint8Array>,
    duplex: 'half',
    headers: {
      'content-type': request.format === undefined ? NAMED_FILE : CONTENT_TYPES[request.format],
      authorization: `Bearer ${request.token}`,
      accept: 'application/json',
    },
  });
  const text = await responseText(response, url.origin, 'the report');
  if (response.status !== (request.trial ? 200 : 201)) {
    const problem = parsedJson(text);
    const errors = typeof problem === 'object' && problem !== null ? (problem as { errors?: unknown }).errors : undefined;
    const unreadable =
      response.status === 400 && Array.isArray(errors) && errors.some((e: unknown) => typeof (e as { unreadable?: unknown } | null)?.unreadable === 'string');
    const message = `the server did not validate the file (${response.status}): ${problemDetail(problem) ?? response.statusText}`;
    throw unreadable ? new UnreadableOnServer(message) : new UsageError(message);
  }
  const report = parsedJson(text);
  if (!reportShaped(report)) throw new UsageError(`${url.origin} answered ${response.status} without a report; is --server a Conform server?`);
  return report;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an answer has the parts of a report the command reads (its standard, verdict, counts, findings and summary). */
function reportShaped(value: unknown): value is Report {
  if (!isObject(value) || !isObject(value.standard) || !isObject(value.stats)) return false;
  const { standard, stats } = value;
  return (
    typeof standard.id === 'string' &&
    typeof standard.version === 'string' &&
    typeof value.valid === 'boolean' &&
    typeof stats.records === 'number' &&
    Array.isArray(value.findings) &&
    value.findings.every(isObject) &&
    Array.isArray(value.summary) &&
    value.summary.every(isObject)
  );
}

/** Where a stored submission's BusAck or InfAck is on the server. */
export const submissionAckAddress = (submissionId: string, kind: AckKind): string =>
  `/v1/submissions/${encodeURIComponent(submissionId)}/${kind === 'busack-json' ? 'busack.json' : `${kind}.csv`}`;

/** The server has no acknowledgement at the address asked (404 or 405), and its problem's detail when it gave one. */
export interface NoAcknowledgement {
  status: number;
  detail: string;
}

/**
 * A BusAck or InfAck from the server (written from the row outcomes stored or held with a batch file's
 * report, so every failed row is in it), at `address`: a stored submission's (submissionAckAddress) or
 * the one a trial report names (`trial.busAckUrl`, `infAckUrl`), resolved against the server. The token
 * goes to the server's own origin only. A 404 or 405 is a NoAcknowledgement: the server has none there (a
 * standard without a file-name convention, a file without a BusAck, or a server that does not offer them).
 */
export async function acknowledgementFromServer(server: string, token: string, address: string): Promise<ReadableStream<Uint8Array> | NoAcknowledgement> {
  const url = new URL(address, server);
  if (url.origin !== new URL(server).origin)
    throw new UsageError(`the server named an acknowledgement on another origin (${url.origin}); the token is not sent there`);
  const response = await fetchFrom(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv, application/json' } });
  if (response.status === 404 || response.status === 405) {
    const detail = problemDetail(parsedJson(await responseText(response, url.origin, 'its answer'))) ?? response.statusText;
    return { status: response.status, detail };
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new UsageError(`the server did not send the acknowledgement (${response.status})`);
  }
  return response.body;
}
