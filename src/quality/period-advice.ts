/**
 * How to give the reporting period a file is for, in the words of the face a person reads: the one place
 * this advice is worded. The timeliness note stored with a scorecard (what the API returns) names every
 * face's way, as it is read wherever the report is shown; the CLI's table and the report page (explain.ts)
 * name their own.
 */
import { PERIOD_EXAMPLES, type PeriodKind } from './period.js';

/** Where a person reads the advice: the command line, the API, the web pages. */
export type Face = 'cli' | 'api' | 'web';

const HOW: Record<Face, string> = {
  cli: 'conform validate --period <period>',
  api: "the API's period query parameter (?period=<period>)",
  web: 'the Reporting period field of the upload form',
};

/**
 * "give the reporting period the file is for (e.g. 2026-11) with …": an example of the kind the standard
 * is reported by, or of any kind for a standard that declares none (its files are sent continuously, and
 * a period makes a file sent earlier judged against its own deadline, not the day it is validated).
 */
export function givePeriod(kind: string | undefined, face?: Face): string {
  const example = kind === undefined ? `${PERIOD_EXAMPLES.month} or ${PERIOD_EXAMPLES.range}` : (PERIOD_EXAMPLES[kind as PeriodKind] ?? kind);
  const how = face === undefined ? `${HOW.cli} on the command line, ${HOW.api}, or ${HOW.web} on the web` : HOW[face];
  return `give the reporting period the file is for (e.g. ${example}) with ${how}`;
}
