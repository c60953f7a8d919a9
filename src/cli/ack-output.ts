/**
 * `conform validate --output ack|ack-json|infack`: the national immunisation pipeline's acknowledgement
 * files (validation/ack-file.ts: the BusAck CSV, the BusAck JSON, the InfAck) on stdout, as file-outcome.ts
 * decides which a file gets; from the server when it has them (written from every row's outcome). Never a
 * record value, on stdout or stderr.
 */
import { once } from 'node:events';
import { busAckJson, busAckLines, infAck, inPieces, type AckKind } from '../validation/ack-file.js';
import { noBusAckReason, UNREADABLE } from '../validation/file-outcome.js';
import { MAX_OUTCOME_RUNS } from '../validation/row-outcomes.js';
import type { Report } from '../validation/report-types.js';
import { acknowledgementFromServer, submissionAckAddress } from './remote-validate.js';
import { bodyPieces } from './http-client.js';
import { EXIT, type CliIo } from './io.js';

/** The outputs that are acknowledgement files: the BusAck (CSV, or its JSON form) and the InfAck. */
export type AckOutput = 'ack' | 'ack-json' | 'infack';
export const isAckOutput = (output: string): output is AckOutput => output === 'ack' || output === 'ack-json' || output === 'infack';
const KINDS: Record<AckOutput, AckKind> = { ack: 'busack', 'ack-json': 'busack-json', infack: 'infack' };

/** The message id and time of receipt an acknowledgement is numbered under (no report: a file that cannot be read). */
function ackOptions(report: Report | undefined) {
  return {
    messageId: report?.submission?.id ?? 'conform',
    receivedAt: report?.period?.submittedAt ?? report?.submission?.createdAt ?? new Date().toISOString(),
  };
}

/** The BusAck (CSV or JSON) of a report, written here, a piece at a time. */
function busAckPieces(report: Report, output: 'ack' | 'ack-json', fileName: string | undefined): Iterable<string> {
  const options = ackOptions(report);
  if (output === 'ack') return inPieces(busAckLines(report, options));
  return inPieces(
    busAckJson(report, { ...options, fileName: fileName ?? report.submission?.fileName ?? null, provider: report.submission?.organisation ?? null }),
  );
}

/**
 * A file that cannot be read at all, answered as the pipeline answers it (validation/file-outcome.ts): the
 * InfAck Failure, or no BusAck. Either way the problem is said on stderr (never a record value) and the exit
 * code is still 2, input that cannot be read.
 */
export async function answerUnreadable(output: AckOutput, io: CliIo, error: Error): Promise<number> {
  if (output === 'infack') await writeAll(io.stdout, [infAck(UNREADABLE, ackOptions(undefined))]);
  io.stderr.write(`conform: ${error.message}\n`);
  if (output !== 'infack')
    io.stderr.write('conform: no BusAck: the pipeline writes none for a file it cannot read (--output infack gives its InfAck Failure)\n');
  return EXIT.usage;
}

/** The address a trial report names for an acknowledgement (undefined when it names none). */
function trialAddress(report: Report, output: AckOutput): string | undefined {
  const trial = report.trial;
  if (output === 'infack') return trial?.infAckUrl;
  return output === 'ack' ? trial?.busAckUrl : trial?.busAckJsonUrl;
}

/**
 * --output ack|ack-json|infack of a file that was read. A file without a BusAck (failed at file level, or
 * empty: validation/file-outcome.ts) gets none under --output ack or ack-json, not even its header, and
 * stderr says why (the exit code is the report's, as under any other output). With a server, the
 * acknowledgement comes from it, written from every row's outcome: a stored submission's, or the one a
 * trial report names (`trial.busAckUrl`, `busAckJsonUrl`, `infAckUrl`); else (another standard, or a
 * server that names none for a trial) it is written here from the report's findings, which the findings
 * cap may have cut short. `fileName` is the name the file was checked under (the BusAck JSON's filename).
 */
export async function writeAcknowledgement(
  report: Report,
  output: AckOutput,
  io: CliIo,
  server: string | undefined,
  token: string | undefined,
  fileName?: string,
): Promise<void> {
  const why = output === 'infack' ? undefined : noBusAckReason(report);
  if (why !== undefined) {
    io.stderr.write(`conform: no BusAck: ${why} (--output infack gives its InfAck)\n`);
    return;
  }
  const kind = KINDS[output];
  const name = output === 'infack' ? 'InfAck' : output === 'ack' ? 'BusAck' : 'BusAck JSON';
  if (server) {
    const address = report.submission ? submissionAckAddress(report.submission.id, kind) : trialAddress(report, output);
    if (address === undefined && report.trial) {
      io.stderr.write(
        `conform: the server names no ${name} for this trial report (an older server, or a standard without a file-name convention): it is written here from the report's findings\n`,
      );
    }
    const fetched = address === undefined ? undefined : await acknowledgementFromServer(server, token!, address);
    if (fetched instanceof ReadableStream) {
      for await (const piece of bodyPieces(fetched, new URL(server).origin, `the ${name}`)) if (!io.stdout.write(piece)) await once(io.stdout, 'drain');
      return;
    }
    // A trial report names its acknowledgement only when the server holds its row outcomes: the server's answer stands.
    if (fetched && !report.submission) {
      io.stderr.write(`conform: no ${name}: the server answers ${fetched.status}: ${fetched.detail}\n`);
      return;
    }
  }
  if (output === 'infack') {
    io.stdout.write(infAck(report, ackOptions(report)));
    return;
  }
  // A line at a time: a file with a million failed rows is never one string.
  await writeAll(io.stdout, busAckPieces(report, output, fileName));
  const omitted = report.outcomes?.omitted ?? (report.truncated ? 1 : 0);
  if (omitted > 0)
    io.stderr.write(
      report.outcomes
        ? `conform: the acknowledgement does not list ${omitted} failed rows: it lists at most ${MAX_OUTCOME_RUNS} runs of failed rows (its last ${output === 'ack' ? 'line' : 'failure'} says so)\n`
        : `conform: the acknowledgement lists the rows of the first ${report.maxFindings} findings only; raise --max-findings for every failed row\n`,
    );
}

/** Writes text to a stream, waiting while its buffer is full. */
async function writeAll(stream: CliIo['stdout'], pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) if (!stream.write(piece)) await once(stream, 'drain');
}
