/**
 * The per-row outcomes an acknowledgement file needs (ack-file.ts), kept as records are validated and
 * independent of the report's findings cap: for every record with an error, its record number (CSV: the
 * data row as the national pipeline numbers it, header and blank lines not counted) and the text of its
 * errors, "column: message" joined with "; ". Messages are written from the schema, never from the data,
 * so the outcomes hold no record value.
 *
 * Memory is bounded by the number of runs, not rows: consecutive failed records with the same outcome text
 * are one run (a file whose 1,000,000 rows all fail the same way is one run), and each distinct text is
 * kept once. Past MAX_OUTCOME_RUNS runs or MAX_OUTCOME_TEXT_CHARS characters of distinct texts, later
 * failed records are only counted (`omitted`), and the acknowledgement says so in a last line: never a
 * silent gap.
 */
import type { Finding, Report, RowOutcomes } from './report-types.js';
import { failsTheFile } from './file-outcome.js';

export type { RowOutcomes };

/** Runs of failed records kept (3 numbers each): a bound on memory and on the stored report's size. */
export const MAX_OUTCOME_RUNS = 100_000;
/** Characters of distinct outcome texts kept (each is also held once as joined, before it is put on one line). */
export const MAX_OUTCOME_TEXT_CHARS = 2 * 1024 * 1024;

/** One line, as the pipeline packs diagnostics: line breaks, tabs and no-break spaces become single spaces. */
export const oneLine = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

const column = (path: string): string => path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');

/** A record's errors (warnings left out) as "column: message" joined with "; ", not yet on one line. */
function joinedErrors(findings: readonly Finding[]): string {
  let text = '';
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const part = f.path === '' ? f.message : `${column(f.path)}: ${f.message}`;
    text = text === '' ? part : `${text}; ${part}`;
  }
  return text;
}

/** The outcome text of a record's errors (warnings left out), or '' when it has none. */
export const outcomeText = (findings: readonly Finding[]): string => oneLine(joinedErrors(findings));

export class OutcomeRecorder {
  private readonly runs: number[] = [];
  private readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private textChars = 0;
  private omitted = 0;
  private full = false;
  private fileFailed = false;

  /** A failed record (called in record order) with its findings; one with no error text is listed as failed all the same. */
  fail(record: number, findings: readonly Finding[]): void {
    if (this.full) {
      this.omitted++;
      return;
    }
    // Looked up by the joined text as it comes (one line is made only of a text not seen before).
    const joined = joinedErrors(findings);
    let id = this.index.get(joined);
    const runs = this.runs;
    const n = runs.length;
    if (id !== undefined && n > 0 && runs[n - 1] === id && runs[n - 3]! + runs[n - 2]! === record) {
      runs[n - 2] = runs[n - 2]! + 1;
      return;
    }
    if (n / 3 >= MAX_OUTCOME_RUNS) return this.stop();
    if (id === undefined) {
      const text = oneLine(joined) || 'the record is not valid';
      if (this.textChars + text.length > MAX_OUTCOME_TEXT_CHARS) return this.stop();
      id = this.texts.length;
      this.texts.push(text);
      this.index.set(joined, id);
      this.textChars += text.length;
    }
    runs.push(record, 1, id);
  }

  /** A file-level finding. */
  file(finding: Pick<Finding, 'severity' | 'rule'>): void {
    if (failsTheFile(finding)) this.fileFailed = true;
  }

  private stop(): void {
    this.full = true;
    this.omitted++;
  }

  /**
   * Takes the outcomes another thread kept for every record of the submission (this recorder saw none of
   * them); a file finding either side fails the file.
   */
  adopt(outcomes: RowOutcomes): void {
    if (this.runs.length > 0 || this.omitted > 0) throw new Error('row outcomes can be adopted only by a recorder that saw no record');
    // No record follows here, so the texts are not indexed for lookup (and the runs are not spread: there may be 300,000).
    for (const n of outcomes.runs) this.runs.push(n);
    for (const text of outcomes.texts) {
      this.texts.push(text);
      this.textChars += text.length;
    }
    this.omitted = outcomes.omitted;
    this.full = outcomes.omitted > 0;
    this.fileFailed ||= outcomes.fileFailed;
  }

  result(): RowOutcomes {
    return { runs: this.runs, texts: this.texts, omitted: this.omitted, fileFailed: this.fileFailed };
  }
}

/** Each failed record with its outcome text, in record order. */
export function* failedRecords(outcomes: RowOutcomes): Generator<[record: number, text: string]> {
  const { runs, texts } = outcomes;
  for (let i = 0; i + 2 < runs.length; i += 3) {
    const first = runs[i]!;
    const text = texts[runs[i + 2]!] ?? '';
    for (let r = first; r < first + runs[i + 1]!; r++) yield [r, text];
  }
}

/** The last failed record the outcomes list (0 when none). */
export function lastListed(outcomes: RowOutcomes): number {
  const { runs } = outcomes;
  return runs.length === 0 ? 0 : runs[runs.length - 3]! + runs[runs.length - 2]! - 1;
}

/**
 * Attaches outcomes to a report, not enumerable: they travel with the report object to the faces that
 * write an acknowledgement, but never into its JSON (the API's answers, the CLI's --output json). The
 * service stores them beside the report explicitly (services/submissions.ts).
 */
export function setOutcomes(report: Report, outcomes: RowOutcomes): void {
  Object.defineProperty(report, 'outcomes', { value: outcomes, enumerable: false, writable: true, configurable: true });
}
