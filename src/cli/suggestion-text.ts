/**
 * The suggestion of a standard whose fields the data's columns match much better than the one chosen
 * (the report's `suggestion`, services/suggestions.ts), in the words every output of `conform validate`
 * gives it: the text report's line, the JUnit suite's system-out and the SARIF log's configuration
 * notification. Standards' titles and counts of columns only, never a record value.
 */
import type { ReportSuggestion } from '../validation/report-types.js';

const n = (value: number): string => value.toLocaleString('en-GB');

/** The option that picks the suggested standard: `--standard <id>@<version>`. */
export const suggestedOption = (better: ReportSuggestion): string => `--standard ${better.standard}@${better.version}`;

/** "Another standard fits these columns better: they match … Try --standard <id>@<version>" (as the web report's notice says it). */
export function suggestionText(better: ReportSuggestion): string {
  return (
    `Another standard fits these columns better: they match ${better.title} ${better.version}, ${n(better.matched)} of ${n(better.columns)}; ` +
    `you chose ${better.chosen.title} ${better.chosen.version} (${n(better.chosen.matched)} of ${n(better.columns)}). Try ${suggestedOption(better)}`
  );
}
