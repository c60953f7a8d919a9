/**
 * Which acknowledgement files a batch file gets, as the national immunisation pipeline answers it: the one
 * rule, followed by the CLI (`conform validate --output ack|infack`) and the service's writers alike
 * (ack-file.ts writes the files; row-outcomes.ts records file-level findings with `failsTheFile`).
 *
 * - A file that cannot be read at all (an InputError: UTF-16, corrupt gzip, an unusable CSV header) has no
 *   report: the pipeline cannot process it, so its InfAck is a Failure, and it has no BusAck (the pipeline
 *   writes none for a file it rejects before reading its rows; an empty BusAck would say every row passed).
 * - A file that was read: its InfAck is a Failure when the file itself has an error (its name, its header,
 *   a byte that neither UTF-8 nor Windows-1252 reads; an empty file aside), else Success. A file whose
 *   InfAck is a Failure has no BusAck either: the pipeline rejects it before processing its rows ("Initial
 *   file validation failed"), so it writes none. (A byte Windows-1252 has no character for fails both of
 *   the pipeline's decodings; readers/undefined-bytes.ts answers it as a failed file wherever it is.)
 * - An empty file (no data rows; at most a header) gets the InfAck Success and no BusAck: the pipeline
 *   answers it "Not processed - Empty file" and writes none.
 * - Any other file's BusAck lists its failed rows (a header alone when none failed).
 */
import { InputError } from './errors.js';
import type { Finding, Report } from './report-types.js';

/** A file that could not be read at all: there is no report to answer from. */
export const UNREADABLE = 'unreadable';

/**
 * Whether an error means the file cannot be read at all, so that it is answered as UNREADABLE: an
 * InputError, except a size bound ('too-large'), which is the service's limit and not the file's fault.
 */
export function isUnreadable(error: unknown): error is InputError {
  return error instanceof InputError && error.code !== 'too-large';
}

/** What an acknowledgement is written from: a file's report, or UNREADABLE. */
export type AckSubject = Report | typeof UNREADABLE;

/** Whether a file-level finding (record 0) fails the file: an error, an empty file aside. */
export function failsTheFile(finding: Pick<Finding, 'severity' | 'rule'>): boolean {
  return finding.severity === 'error' && finding.rule !== 'empty';
}

/** The InfAck a file gets. */
export function infAckOutcome(subject: AckSubject): 'Success' | 'Failure' {
  if (subject === UNREADABLE) return 'Failure';
  const failed = subject.outcomes?.fileFailed ?? subject.findings.some((f) => f.record === 0 && failsTheFile(f));
  return failed ? 'Failure' : 'Success';
}

/**
 * Why a file gets no BusAck, in words for a person (never a record value), or undefined when it gets one:
 * a file that cannot be read, that fails its file-level checks (its InfAck is a Failure), or that is empty.
 */
export function noBusAckReason(subject: AckSubject): string | undefined {
  if (subject === UNREADABLE) return 'the file cannot be read, so the pipeline writes no BusAck for it';
  if (infAckOutcome(subject) === 'Failure') {
    if (subject.findings.some((f) => f.record === 0 && f.rule === 'encoding' && failsTheFile(f))) {
      return 'the file holds a byte that neither UTF-8 nor Windows-1252 reads (its InfAck is a Failure), so the pipeline cannot decode it and Conform writes no BusAck for it';
    }
    return 'the file failed its file-level checks (its name or its header; its InfAck is a Failure), so the pipeline rejects it before processing its rows and writes no BusAck for it';
  }
  if (subject.stats.records === 0)
    return 'the file has no records (its InfAck is a Success), so the pipeline does not process it ("Not processed - Empty file") and writes no BusAck for it';
  return undefined;
}

/** Whether a file gets a BusAck: only a file that was read, passed its file-level checks and has records (noBusAckReason). */
export function hasBusAck(subject: AckSubject): boolean {
  return noBusAckReason(subject) === undefined;
}
