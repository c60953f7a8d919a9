/**
 * Each dimension's figure in words: what was counted, over how many records or values, and the
 * threshold it was held to, from the scorecard's own counts. The CLI's table and the report page say the
 * same sentence, so the figures a reader sees agree with the JSON they come from.
 */
import type { DimensionName, Scorecard } from './types.js';
import { givePeriod, type Face } from './period-advice.js';
import { notCreating } from './dimensions/uniqueness.js';
import { pointerSegments } from '../validation/pointer.js';
import { humanDay, humanDuration, humanInstant } from './human-time.js';
import { agree, countWords } from '../validation/count-words.js';

const n = (value: number): string => value.toLocaleString('en-GB');
const plural = countWords;

/**
 * A share (0–1) as a percentage, to one decimal only when it has one: 0.035 is "3.5%", 0.02 is "2%"; a
 * share above 0 that would round to 0 keeps two significant figures (0.00039 is "0.039%", not "0%").
 */
export function percentText(share: number): string {
  const value = Math.round(share * 1000) / 10;
  if (value === 0 && share > 0) return `${Number((share * 100).toPrecision(2))}%`;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/**
 * One field's fill rate and valid share with the counts behind them, as the CLI's and the dashboard's
 * per-field tables give them: filled `40.0 (4 of 10)`, of the records where the field applies; valid
 * `100.0 (4 of 4)`, of the values filled, not of the records (a field filled once and valid that once
 * reads 100.0 valid, which without its count reads as every record). Undefined where the scorecard did
 * not measure the field; a scorecard stored without the counts gives the figure alone.
 */
export function fieldShares(card: Scorecard, field: string): { filled?: string; valid?: string } {
  const one = (d: 'completeness' | 'validity') => (card.dimensions[d].fields ?? []).find((f) => f.field === field);
  const withCounts = (score: number, part: unknown, whole: unknown): string =>
    typeof part === 'number' && typeof whole === 'number' ? `${score.toFixed(1)} (${n(part)} of ${n(whole)})` : score.toFixed(1);
  const filled = one('completeness');
  const valid = one('validity');
  return {
    ...(filled ? { filled: withCounts(filled.score, filled.filled, filled.records) } : {}),
    ...(valid
      ? {
          valid: withCounts(
            valid.score,
            typeof valid.present === 'number' && typeof valid.invalid === 'number' ? valid.present - valid.invalid : undefined,
            valid.present,
          ),
        }
      : {}),
  };
}

/** The defaults dimension's totals over the fields it measured. */
function defaultsTotals(card: Scorecard): { values: number; defaults: number; excess: number; fields: string[] } {
  const fields = card.dimensions.defaults.fields ?? [];
  return {
    values: fields.reduce((sum, f) => sum + Number(f.filled), 0),
    defaults: fields.reduce((sum, f) => sum + Number(f.defaults), 0),
    excess: Math.round(fields.reduce((sum, f) => sum + Number(f.defaultsInExcess), 0) * 10) / 10,
    fields: fields.map((f) => f.field),
  };
}

/**
 * The defaults in excess, to one decimal as the JSON gives them, except that an excess too small to show
 * there (under 0.05, below a score of 100) reads "under 0.1", never "0" beside a figure below 100.
 */
function excessText(excess: number, score: number | null): string {
  return excess === 0 && score !== null && score < 100 ? 'under 0.1' : n(excess);
}

/** A field as a person names it: its CSV column, nested fields dotted (`/address/postcode` is `address.postcode`). */
export function fieldName(pointer: string): string {
  return pointer.startsWith('/') ? pointerSegments(pointer).join('.') : pointer;
}

/**
 * What the report page says in place of a reporting period when none was given, with how to give one on
 * the face it is read on: timeliness is not measured for a standard reported by period, else it is
 * measured against the time of validation. Undefined when a period was given.
 */
export function periodNotGiven(card: Scorecard, face?: Face): string | undefined {
  if (card.plan.period) return undefined;
  const kind = card.plan.periodKind;
  const what = kind
    ? `this standard is reported by ${kind.replace('-', ' ')}, so timeliness is not measured`
    : card.plan.sentAt
      ? `timeliness is measured against the time the file's name says it was made (${humanInstant(card.plan.sentAt)})`
      : 'timeliness is measured against the time of validation, so a file validated long after it was sent scores low';
  return `${what}; ${givePeriod(kind, face)}`;
}

/**
 * Beside "arrived after the deadline" on every face (CLI, report page): when the file arrived, and why
 * timeliness does not count it, so a late file beside timeliness 100 is not misread.
 */
export function lateFileWords(submittedAt: string): string {
  return `it arrived on ${humanInstant(submittedAt)}; that is reported here, not scored: timeliness judges each record's event as if the file had arrived by the deadline, so it can still read 100`;
}

/**
 * What is behind one dimension's figure; for a dimension not measured, why not. `face` words the advice
 * on giving a reporting period for where it is read (period-advice.ts); without it, every face's way.
 */
export function explainDimension(name: DimensionName, card: Scorecard, face?: Face): string {
  const d = card.dimensions[name];
  // Not measured for want of the period the standard is reported by (the timeliness dimension's rule).
  if (name === 'timeliness' && !d.measured && card.plan.periodKind && !card.plan.period && card.counts.timeliness && card.counts.records > 0)
    return `not measured: no reporting period was given, and this standard is reported by ${card.plan.periodKind.replace('-', ' ')}; ${givePeriod(card.plan.periodKind, face)}`;
  if (!d.measured) return `not measured: ${d.note ?? ''}`;
  const c = d.counts as Record<string, number>;
  switch (name) {
    case 'validity':
      return `${n(c.validRecords!)} of ${plural(c.records!, 'record', 'records')} ${agree(c.validRecords!, 'passes', 'pass')} the schema`;
    case 'completeness': {
      const none = c.fieldsApplyingToNone
        ? `; ${n(c.fieldsApplyingToNone)} more ${c.fieldsApplyingToNone === 1 ? 'field applies' : 'fields apply'} to no record in the file and ${c.fieldsApplyingToNone === 1 ? 'is' : 'are'} not measured`
        : '';
      return `${n(c.filled!)} of ${n(c.cells!)} required and expected values filled, over ${plural(c.fields!, 'field', 'fields')}${none}`;
    }
    case 'uniqueness': {
      const others = notCreating(card.counts);
      const rows = others > 0 ? `; ${plural(others, 'row that does not create a record is', 'rows that do not create a record are')} not counted` : '';
      return `${plural(c.duplicates!, 'duplicate key', 'duplicate keys')} among ${plural(c.keyed!, 'keyed record', 'keyed records')}${rows}`;
    }
    case 'consistency': {
      const skipped = c.notApplicable
        ? `; ${plural(c.notApplicable, 'record', 'records')} no rule applies to ${c.notApplicable === 1 ? 'is' : 'are'} not judged`
        : '';
      return `${n(c.failed!)} of ${plural(c.assessed!, 'record', 'records')} ${agree(c.failed!, 'fails', 'fail')} a cross-field rule${skipped}`;
    }
    case 'timeliness': {
      const period = card.plan.period;
      const basis = period
        ? `against period ${period.id}, due by the end of ${humanDay(period.lastDay)}`
        : card.plan.sentAt
          ? `against the time the file's name says it was made, ${humanInstant(card.plan.sentAt)}: no period was given; ${givePeriod(undefined, face)}`
          : `against the time of validation: no period was given; ${givePeriod(undefined, face)}`;
      const ongoing = c.ongoing ? `, ${n(c.ongoing)} of them ${c.ongoing === 1 ? 'an episode' : 'episodes'} ongoing though started earlier` : '';
      const after = c.afterSubmission
        ? `; ${plural(c.afterSubmission, 'record', 'records')} dated after ${!period && card.plan.sentAt ? 'the file was made' : 'the submission'} ${c.afterSubmission === 1 ? 'was' : 'were'} not judged`
        : '';
      // A late file beside a high figure is misread unless the words say why the figure does not count it.
      const late =
        period && Date.parse(card.plan.submittedAt) >= Date.parse(period.dueBy)
          ? `; the file itself arrived after the deadline, which this figure does not count: it judges each record's event as if the file had arrived by the deadline`
          : '';
      return `${n(c.onTime!)} of ${plural(c.assessed!, 'record', 'records')} on time${ongoing} (deadline ${humanDuration(card.plan.submissionDeadline ?? '')}, ${basis})${after}${late}`;
    }
    case 'defaults': {
      const t = defaultsTotals(card);
      const thresholds = (card.dimensions.defaults.fields ?? []).map((f) => `${fieldName(f.field)} ${percentText(Number(f.threshold))}`).join(', ');
      return (
        `${plural(t.defaults, 'default code', 'default codes')} among ${plural(t.values, 'value', 'values')} given in ${plural(t.fields.length, 'field', 'fields')}, ` +
        `${excessText(t.excess, card.dimensions.defaults.score)} in excess of the tolerated shares (${thresholds})`
      );
    }
  }
}
