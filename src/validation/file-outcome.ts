/**
 * Which acknowledgement files a batch file gets, as the national immunisation pipeline answers it: the one
 * rule, followed by the CLI (`conform validate --output ack|infack`) and the service's writers alike
 * (ack-file.ts writes the files; row-outcomes.ts records file-level findings with `failsTheFile`).
 *
 * - A file that cannot be read at all (an InputError: UTF-16, corrupt gzip, an unusable CSV header) has no
 *   report: the pipeline cannot process it, so its InfAck is a Failure, and it has no BusAck (the pipeline
 *   writes none for a file it rejects before reading its rows; an empty BusAck would say every row passed).
 * - A file that was read: its InfAck is a Failure when the file itself has an error (its name, its header;
 *   an empty file aside), else Success; its BusAck lists its failed rows.
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

/** Whether a file gets a BusAck: only a file that was read (an unreadable one has no rows to answer). */
export function hasBusAck(subject: AckSubject): subject is Report {
  return subject !== UNREADABLE;
}
