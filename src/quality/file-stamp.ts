/**
 * When a file says it was made: the timestamp in its name, for a standard whose file-name convention
 * (`x-file-name`) has a part in the format `compact-date-time` (the immunisation batch file's
 * `{VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv`).
 *
 * Timeliness without a reporting period asks whether each record reached the file within the deadline
 * after its event. Judged against the time of validation, a file sent on time and checked again later (an
 * analyst reading last year's files) read 0; the file's own timestamp is when it was sent, and it does
 * not change with the day the file is read. Only a name that keeps the convention gives one (a name
 * that breaks it is a file error already), and a timestamp after the file was received is not believed
 * (the receipt is used), so a file stamped in the future is judged as before.
 */
import { checkFileName, type FileNameRule } from '../validation/file-name.js';
import { parseTime } from '../validation/date-time.js';

/** The instant (ISO 8601, UTC) the file's name says it was made, if it says one no later than `receivedAt`. */
export function fileStamp(rule: FileNameRule | undefined, fileName: string | undefined, receivedAt: Date): string | undefined {
  if (rule === undefined || fileName === undefined) return undefined;
  const index = rule.parts.findIndex((part) => part.format === 'compact-date-time');
  if (index === -1) return undefined;
  const named = checkFileName(rule, fileName);
  if (!named.ok) return undefined;
  const part = rule.parts[index]!;
  const value = named.groups[part.name];
  if (value === undefined) return undefined;
  const written = part.formatPrefix === undefined ? value : value.slice(0, part.formatPrefix);
  // As the rows' compact date-times are read: the suffix 00 is GMT, 01 BST, none UTC.
  const at = parseTime(written);
  if (at === undefined || at > receivedAt.getTime()) return undefined;
  return new Date(at).toISOString();
}
