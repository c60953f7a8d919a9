/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/consistency-rules.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * The run-time check of `x-consistency` rules, free of the Ajv compiler: the engine's keyword
 * (consistency.ts) calls it from Ajv's generated code, and generated standalone validators (src/codegen)
 * ship this very file and call it the same way, so both give the same errors.
 *
 * A rule names a date or date-time `field` (a JSON pointer into the record) and one of:
 *   - `notBefore: <pointer>`: the field is not before the other field;
 *   - `notAfter: <pointer>`: the field is not after the other field;
 *   - `notAfter: "$submission"` (with `skew`, an ISO 8601 duration, default PT5M): the field is not after
 *     the time the data was received, plus the skew; a plain date may be the UK calendar date of that
 *     moment (plus the skew), or with `calendar: utc` its UTC calendar date (a service whose "today" is
 *     the UTC date: an hour after midnight in British Summer Time it is still yesterday there);
 *   - `within: "$period"`: the field's date is inside the reporting period (skipped without a period).
 * A date compared with a date-time is compared with the date-time's day in the UK (GMT, or BST), as a date
 * means a UK day: `2026-06-30T23:30:00Z` is 00:30 BST on 1 July, after an expiry date of 30 June.
 * Compact wire dates and date-times (`YYYYMMDD`, `YYYYMMDDThhmmss` with an optional `00`/`01` offset
 * suffix) are converted to RFC 3339 first (date-time.ts compactToIso), so they compare as what they mean.
 * A rule applies only when its values are present and parse as dates (a missing or malformed value is
 * reported by `required` or `format`), and a field an error rule finds after the submission is not compared
 * with other fields nor with the period (its date is wrong; its own finding says so). A failure is at
 * `field`, with the rule's id as its rule; a rule
 * with `severity: warning` does not fail the record: its findings go to the run (the validator's `this`).
 */
import { isInheritedName, pointerGetter, pointerSegments } from './pointer.js';
import { compactToIso, parseTime, ukCalendarDate, utcCalendarDate } from './date-time.js';
import type { ValidationContext } from './context.js';

export const CONSISTENCY_KEYWORD = 'x-consistency';
/** `notAfter: "$submission"`: the time the data was received. */
export const SUBMISSION = '$submission';
/** `within: "$period"`: the reporting period. */
export const PERIOD = '$period';
/** How far after the submission a `$submission` rule lets a value be (clocks differ). */
export const DEFAULT_SKEW = 'PT5M';

export type RuleSeverity = 'error' | 'warning';

export interface ConsistencyRule {
  id: string;
  field: string;
  notBefore?: string;
  notAfter?: string;
  within?: string;
  skew?: string;
  /** With `notAfter: "$submission"`: the calendar whose date of the submission a plain date may be (default `uk`). */
  calendar?: 'uk' | 'utc';
  severity?: RuleSeverity;
  message?: string;
}

/** An Ajv error object, as the engine's other keywords produce them. */
export interface ConsistencyError {
  instancePath: string;
  schemaPath: string;
  keyword: typeof CONSISTENCY_KEYWORD;
  /** `compared`: the other field's path, when the rule compares two fields. */
  params: { rule: string; message: string; severity: RuleSeverity; compared?: string };
}

/**
 * One validation run, passed to Ajv's validators as `this` (Ajv's `passContext`): the context resolved
 * once, and the warnings of the record being validated (the caller empties them before each record).
 */
export interface ConsistencyRun {
  readonly conformRun: true;
  /** Epoch milliseconds of the submission. */
  readonly submittedAt: number;
  /** The reporting period; `endExclusive` is the day after its end. */
  readonly period: { start: string; end: string; endExclusive: string } | undefined;
  warnings: ConsistencyError[] | null;
}

/**
 * Checks one record (at `instancePath`) in a run; null when every error rule holds, else one error per broken
 * rule. `values`, when given, are the record's values at the rules' pointers (rulePointers), read by the
 * caller: Ajv's code reads them by name (consistency.ts), a quicker read than by a key in a variable.
 */
export type ConsistencyCheck = (data: unknown, instancePath: string, run?: unknown, ...values: unknown[]) => ConsistencyError[] | null;

/** The distinct pointers the rules compare, in the order a check takes their values. */
export function rulePointers(rules: readonly ConsistencyRule[]): string[] {
  return [...new Set(rules.flatMap((r) => [r.field, ...[r.notBefore, r.notAfter].filter((p): p is string => p !== undefined && p !== SUBMISSION)]))];
}

/** The field names a caller reads for a check, when every pointer is one field's name that no object inherits; else undefined. */
export function ruleFieldNames(rules: readonly ConsistencyRule[]): string[] | undefined {
  const names = rulePointers(rules).map(pointerSegments);
  return names.every((segments) => segments.length === 1 && !isInheritedName(segments[0]!)) ? names.map((segments) => segments[0]!) : undefined;
}

const DAY = 86_400_000;
const POINTER = /^(\/[^/]+)+$/;
const RULE_ID = /^[a-z][a-z0-9-]*$/;
const DURATION = /^P(?!$)(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?!$)(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;
const RULE_PROPERTIES = ['id', 'field', 'notBefore', 'notAfter', 'within', 'skew', 'calendar', 'severity', 'message'];

/** Milliseconds of an ISO 8601 duration in weeks, days, hours, minutes and seconds; undefined otherwise. */
export function durationMs(duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** What is wrong with a keyword value, each problem with where it is (`/0/skew`); empty when the rules are well formed. */
export function consistencyRuleProblems(rules: unknown): { at: string; problem: string }[] {
  if (!Array.isArray(rules)) return [{ at: '', problem: 'must be a list of rules' }];
  const problems: { at: string; problem: string }[] = [];
  const ids = new Set<string>();
  rules.forEach((rule: unknown, i) => {
    const at = `/${i}`;
    const add = (where: string, problem: string): void => void problems.push({ at: `${at}${where}`, problem });
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule))
      return add('', 'must be a rule (an object with id, field and one of notBefore, notAfter or within)');
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!RULE_PROPERTIES.includes(key)) add(`/${key}`, `is not a rule property (a rule has ${RULE_PROPERTIES.join(', ')})`);
    if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) add('/id', 'must be an id in lower case letters, digits and hyphens, starting with a letter');
    else if (ids.has(r.id)) add('/id', `repeats the id "${r.id}" of an earlier rule`);
    else ids.add(r.id);
    if (typeof r.field !== 'string' || !POINTER.test(r.field)) add('/field', 'must be a JSON pointer to a field of the record, such as /dateOfBirth');
    const forms = ['notBefore', 'notAfter', 'within'].filter((form) => r[form] !== undefined);
    if (forms.length !== 1) add('', `must have exactly one of notBefore, notAfter or within (it has ${forms.length === 0 ? 'none' : forms.join(' and ')})`);
    if (r.notBefore !== undefined && (typeof r.notBefore !== 'string' || !POINTER.test(r.notBefore)))
      add('/notBefore', 'must be a JSON pointer to another field of the record');
    if (r.notAfter !== undefined && (typeof r.notAfter !== 'string' || (r.notAfter !== SUBMISSION && !POINTER.test(r.notAfter))))
      add('/notAfter', `must be a JSON pointer to another field of the record, or "${SUBMISSION}"`);
    if (r.within !== undefined && r.within !== PERIOD) add('/within', `must be "${PERIOD}" (the reporting period)`);
    for (const form of ['notBefore', 'notAfter']) if (typeof r[form] === 'string' && r[form] === r.field) add(`/${form}`, 'compares the field with itself');
    if (r.skew !== undefined) {
      if (r.notAfter !== SUBMISSION) add('/skew', `is allowed only with notAfter: "${SUBMISSION}"`);
      else if (typeof r.skew !== 'string' || durationMs(r.skew) === undefined)
        add('/skew', 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, such as PT5M or P1D');
    }
    if (r.calendar !== undefined) {
      if (r.notAfter !== SUBMISSION) add('/calendar', `is allowed only with notAfter: "${SUBMISSION}"`);
      else if (r.calendar !== 'uk' && r.calendar !== 'utc')
        add('/calendar', 'must be "uk" (the UK calendar date, the default) or "utc" (the UTC calendar date)');
    }
    if (r.severity !== undefined && r.severity !== 'error' && r.severity !== 'warning') add('/severity', 'must be "error" or "warning"');
    if (r.message !== undefined && typeof r.message !== 'string') add('/message', 'must be text');
  });
  return problems;
}

function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10 && parseTime(value) !== undefined;
}

/**
 * The run for a context (now and no period when absent). Throws a RangeError naming what is wrong with a
 * malformed context: a caller's mistake, never the data's.
 */
export function consistencyRun(context?: ValidationContext): ConsistencyRun {
  if (context === undefined) return { conformRun: true, submittedAt: Date.now(), period: undefined, warnings: null };
  const submittedAt = typeof context.submittedAt === 'string' && context.submittedAt.length > 10 ? parseTime(context.submittedAt) : undefined;
  if (submittedAt === undefined) throw new RangeError('the validation context: submittedAt must be an RFC 3339 date-time with an offset');
  let period: ConsistencyRun['period'];
  if (context.period !== undefined) {
    const { start, end } = context.period;
    if (!isCalendarDate(start) || !isCalendarDate(end) || end < start)
      throw new RangeError('the validation context: period must have a start and an end date (YYYY-MM-DD), the end not before the start');
    period = { start, end, endExclusive: utcCalendarDate(parseTime(end)! + DAY) };
  }
  return { conformRun: true, submittedAt, period, warnings: null };
}

const isRun = (value: unknown): value is ConsistencyRun => typeof value === 'object' && value !== null && (value as ConsistencyRun).conformRun === true;

/** Compares the first ten characters (`YYYY-MM-DD`) of two values as text: negative, zero or positive. */
function compareDates(a: string, b: string): number {
  for (let i = 0; i < 10; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * True when an RFC 3339 date-time's day in the UK is surely its date as written, read from the text: with
 * a GMT offset (Z, ±00:00) before 23:00 (in BST it is at most an hour later, the same day), or with the
 * BST offset +01:00 from 01:00 (in GMT it is an hour earlier, the same day). Anything else is parsed.
 */
function keepsWrittenUkDay(v: string): boolean {
  const n = v.length;
  const hour = (v.charCodeAt(11) - 48) * 10 + (v.charCodeAt(12) - 48);
  if (!(hour >= 0 && hour <= 23)) return false;
  if (v.charCodeAt(n - 1) === 90 || v.charCodeAt(n - 1) === 122) return hour <= 22; // Z or z
  if (n < 16 || v.charCodeAt(n - 3) !== 58 || v.charCodeAt(n - 2) !== 48 || v.charCodeAt(n - 1) !== 48 || v.charCodeAt(n - 5) !== 48) return false;
  const sign = v.charCodeAt(n - 6);
  const h = v.charCodeAt(n - 4);
  if (h === 48 && (sign === 43 || sign === 45)) return hour <= 22; // +00:00, -00:00
  return h === 49 && sign === 43 && hour >= 1; // +01:00
}

/**
 * Whether a date-time is `YYYY-MM-DDThh:mm:ss` at GMT (`Z`, `+00:00` or `-00:00`, no fraction), on a day up
 * to the 28th and an hour up to 23: then its first 19 characters are in the order of its instant, and
 * parsing could not read it as another day (Date.parse takes 30 February as 1 March, and 24:00 as the next day).
 */
function atGmtWithoutRollover(v: string): boolean {
  const n = v.length;
  if (n === 20) {
    if (v.charCodeAt(19) !== 90) return false; // Z
  } else if (n !== 25 || (v.charCodeAt(19) !== 43 && v.charCodeAt(19) !== 45) || v.charCodeAt(20) !== 48 || v.charCodeAt(21) !== 48) return false;
  else if (v.charCodeAt(22) !== 58 || v.charCodeAt(23) !== 48 || v.charCodeAt(24) !== 48) return false; // ±00:00
  const dayTens = v.charCodeAt(8);
  const hourTens = v.charCodeAt(11);
  return (dayTens < 50 || (dayTens === 50 && v.charCodeAt(9) <= 56)) && (hourTens < 50 || (hourTens === 50 && v.charCodeAt(12) <= 51));
}

/**
 * True when two date-times of different lengths, both at GMT without a fraction (one written with `Z`, the
 * other with `+00:00`), are in order as text: their first 19 characters then are in the order of their
 * instants (about a quarter of the bench stream's records mix the two forms). Anything else is parsed.
 * The whole texts are compared (one call, not 19 pairs of character reads): where the first 19 characters
 * differ, the first difference decides as it does for the 19; where they are equal (the same instant), the
 * text after them decides, and `+00:00` or `-00:00` later than `Z` reads as out of order, so that rare
 * pair is parsed.
 */
function atGmtInOrder(later: string, earlier: string): boolean {
  return later.charCodeAt(10) === earlier.charCodeAt(10) && atGmtWithoutRollover(later) && atGmtWithoutRollover(earlier) && later >= earlier;
}

/**
 * True when two values are in order as text, which settles nearly every record without parsing: two
 * values in the same layout (same length, separator and offset) are in time order as text, and a date
 * against a date-time whose UK day is its date as written is compared at date precision (its first ten
 * characters). Anything else is parsed.
 */
function inOrderAsText(later: string, earlier: string): boolean {
  const n = later.length;
  if (n !== earlier.length) {
    if (n === 10) return keepsWrittenUkDay(earlier) && compareDates(later, earlier) >= 0;
    if (earlier.length === 10) return keepsWrittenUkDay(later) && compareDates(later, earlier) >= 0;
    return atGmtInOrder(later, earlier);
  }
  if (later < earlier) return false;
  if (n === 10) return true;
  if (later.charCodeAt(10) !== earlier.charCodeAt(10)) return false;
  // The same offset: both Z, or the same ±hh:mm.
  const z = later.charCodeAt(n - 1) === 90;
  if (z || n < 6) return z && earlier.charCodeAt(n - 1) === 90;
  for (let i = n - 6; i < n; i++) if (later.charCodeAt(i) !== earlier.charCodeAt(i)) return false;
  return true;
}

/** Lower-case words a data manager reads for a field: its title, else its name split into words. */
export function fieldWords(pointer: string, title?: string): string {
  if (title !== undefined && title.trim() !== '') return /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
  const words = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.replace(/\bdate time\b/g, 'date and time');
}

// The rule forms, as plain numbers (no enum, so the file stays plain JavaScript once types are erased).
const Kind = { NotBefore: 0, NotAfter: 1, Submission: 2, Period: 3 } as const;

/**
 * The check for a list of rules; `schemaPath` is the keyword's schema path (e.g. `#/x-consistency`), and
 * `names` the words for each field pointer (fieldWords, from the schema's titles) for default messages.
 */
export function consistencyCheck(rules: readonly ConsistencyRule[], schemaPath: string, names: Readonly<Record<string, string>> = {}): ConsistencyCheck {
  const words = (pointer: string): string => names[pointer] ?? fieldWords(pointer);
  // Each distinct field is read once per record and parsed at most once, however many rules use it.
  const pointers = rulePointers(rules);
  const getters = pointers.map(pointerGetter);
  const compiled = rules.map((rule) => {
    const kind =
      rule.within !== undefined ? Kind.Period : rule.notAfter === SUBMISSION ? Kind.Submission : rule.notAfter !== undefined ? Kind.NotAfter : Kind.NotBefore;
    const other = kind === Kind.NotBefore ? rule.notBefore! : kind === Kind.NotAfter ? rule.notAfter! : undefined;
    const field = words(rule.field);
    const message =
      rule.message ??
      (kind === Kind.NotBefore
        ? `The ${field} is before the ${words(other!)}`
        : kind === Kind.NotAfter
          ? `The ${field} is after the ${words(other!)}`
          : kind === Kind.Submission
            ? `The ${field} is in the future (after the file was received)`
            : undefined);
    return {
      rule,
      kind,
      field: pointers.indexOf(rule.field),
      other: other === undefined ? -1 : pointers.indexOf(other),
      skewMs: kind === Kind.Submission ? (durationMs(rule.skew ?? DEFAULT_SKEW) ?? 0) : 0,
      utc: rule.calendar === 'utc',
      severity: rule.severity ?? 'error',
      message,
      /** The period message, made once per run (it names the period). */
      periodMessage: (start: string, end: string): string => `The ${field} is outside the reporting period ${start} to ${end}`,
      /**
       * A standard's own message for the rule, with the period the file was submitted for and what to check:
       * "…this file is submitted for." alone left a supplier who gave the wrong period guessing which.
       */
      givenPeriodMessage: (start: string, end: string): string =>
        `${message!.replace(/\.$/, '')} (the period given for the file is ${start} to ${end}): if the file is for another period, give that one; otherwise correct the date`,
    };
  });
  const needsRun = compiled.some((c) => c.kind === Kind.Submission || c.kind === Kind.Period);
  // A field an error rule finds after the submission gets that finding only: it is not compared with other
  // fields nor placed in the reporting period. Its date is wrong (the event had not happened when the file
  // was sent), so "the expiry date is before the vaccination date" would blame a sound field for it, and
  // the record is invalid whatever the comparisons say. Such rules are judged first, into these arrays
  // (reused: the check is synchronous); a warning rule does not stop comparisons, as its record may still
  // be valid.
  const futureFirst =
    compiled.some((c) => c.kind === Kind.Submission && c.severity === 'error') && compiled.some((c) => c.kind === Kind.NotBefore || c.kind === Kind.NotAfter);
  const submissionFailed = new Uint8Array(compiled.length);
  const inFuture = new Uint8Array(pointers.length);

  // What a run decides, worked out once per run: for each rule, the latest instant, the latest plain date,
  // and a date before which any date-time is surely earlier (offsets are under a day); the period message.
  let lastRun: ConsistencyRun | undefined;
  const limits = compiled.map(() => ({ ms: 0, date: '', surelyBefore: '', message: '' }));
  const prepare = (run: ConsistencyRun): void => {
    if (run === lastRun) return;
    lastRun = run;
    compiled.forEach((c, i) => {
      const limit = limits[i]!;
      if (c.kind === Kind.Submission) {
        limit.ms = run.submittedAt + c.skewMs;
        limit.date = c.utc ? utcCalendarDate(limit.ms) : ukCalendarDate(limit.ms);
        limit.surelyBefore = utcCalendarDate(limit.ms - DAY);
      } else if (c.kind === Kind.Period && run.period) {
        limit.message = c.message === undefined ? c.periodMessage(run.period.start, run.period.end) : c.givenPeriodMessage(run.period.start, run.period.end);
      }
    });
  };

  // A record's values and their instants (null: not parsed yet) are held in arrays made for each call:
  // storing a record's text into a long-lived array costs a write barrier's slow path each time. The
  // instants' array is made only when a rule needs one parsed (nearly every record is settled as text).
  const noTimes = (): (number | undefined | null)[] => {
    const made = new Array<number | undefined | null>(getters.length);
    for (let i = 0; i < made.length; i++) made[i] = null;
    return made;
  };
  const timeOf = (values: unknown[], times: (number | undefined | null)[], i: number): number | undefined => {
    let time = times[i];
    if (time === null) times[i] = time = parseTime(values[i]);
    return time;
  };
  /** True when a value is missing or not text, or the two are in order as text (inOrderAsText): then the rule holds. */
  const settled = (values: unknown[], later: number, earlier: number): boolean => {
    const a = values[later];
    const b = values[earlier];
    return typeof a !== 'string' || typeof b !== 'string' || inOrderAsText(a, b);
  };
  /** True when both values parse and `later` is before `earlier` (a date against a date-time's UK day), for two values not settled. */
  const outOfOrder = (values: unknown[], times: (number | undefined | null)[], later: number, earlier: number): boolean => {
    const a = values[later] as string;
    const b = values[earlier] as string;
    const ta = timeOf(values, times, later);
    const tb = timeOf(values, times, earlier);
    if (ta === undefined || tb === undefined) return false;
    if (a.length === b.length) return ta < tb;
    if (a.length === 10) return a < ukCalendarDate(tb);
    if (b.length === 10) return ukCalendarDate(ta) < b;
    return ta < tb;
  };

  /** True when rule `r`'s field (a `$submission` rule's) is a date or date-time after the submission. */
  const afterSubmission = (values: unknown[], r: number, field: number): boolean => {
    const value = values[field];
    if (typeof value !== 'string') return false;
    const limit = limits[r]!;
    if (value.length === 10 ? value <= limit.date : value < limit.surelyBefore) return false;
    const time = parseTime(value); // rare: nearly every value is settled as text above
    return time !== undefined && (value.length === 10 || time > limit.ms);
  };

  return (data, instancePath, given, ...read) => {
    const run = isRun(given) ? given : needsRun ? consistencyRun() : undefined;
    if (run) prepare(run);
    const passed = read.length === getters.length;
    const values = passed ? read : new Array<unknown>(getters.length);
    let times: (number | undefined | null)[] | undefined;
    for (let i = 0; i < getters.length; i++) {
      const value = passed ? values[i] : getters[i]!(data);
      // A compact wire date (YYYYMMDD, YYYYMMDDThhmmss[00|01]), in any digits its format reads, is compared as the date it is.
      // Text with a hyphen after four characters (RFC 3339, nearly every value) is never one: compactToIso
      // would give it back as it is, so it is not called (about 60 instructions a value).
      values[i] = typeof value === 'string' && value.charCodeAt(4) !== 45 ? compactToIso(value) : value;
    }
    let anyInFuture = false;
    if (futureFirst) {
      inFuture.fill(0);
      for (let r = 0; r < compiled.length; r++) {
        const c = compiled[r]!;
        if (c.kind !== Kind.Submission) continue;
        const failed = afterSubmission(values, r, c.field);
        submissionFailed[r] = failed ? 1 : 0;
        if (failed && c.severity === 'error') {
          anyInFuture = true;
          inFuture[c.field] = 1;
        }
      }
    }
    let errors: ConsistencyError[] | null = null;
    for (let r = 0; r < compiled.length; r++) {
      const c = compiled[r]!;
      let message = c.message;
      switch (c.kind) {
        case Kind.NotBefore:
          if (
            (anyInFuture && (inFuture[c.field] === 1 || inFuture[c.other] === 1)) ||
            settled(values, c.field, c.other) ||
            !outOfOrder(values, (times ??= noTimes()), c.field, c.other)
          )
            continue;
          break;
        case Kind.NotAfter:
          if (
            (anyInFuture && (inFuture[c.field] === 1 || inFuture[c.other] === 1)) ||
            settled(values, c.other, c.field) ||
            !outOfOrder(values, (times ??= noTimes()), c.other, c.field)
          )
            continue;
          break;
        case Kind.Submission:
          if (!(futureFirst ? submissionFailed[r] === 1 : afterSubmission(values, r, c.field))) continue;
          break;
        case Kind.Period: {
          const value = values[c.field];
          const period = run?.period;
          if (typeof value !== 'string' || !period || (anyInFuture && inFuture[c.field] === 1)) continue;
          if (value.length === 10 || (compareDates(value, period.start) > 0 && compareDates(value, period.end) < 0)) {
            // A date, or a date-time written strictly inside the period (an offset moves it under a day).
            if ((value >= period.start && value < period.endExclusive) || timeOf(values, (times ??= noTimes()), c.field) === undefined) continue;
          } else {
            // A date-time near the period's edges falls on its day in the UK (23:30Z on 31 March is 1 April in BST).
            const time = timeOf(values, (times ??= noTimes()), c.field);
            if (time === undefined) continue;
            const day = ukCalendarDate(time);
            if (day >= period.start && day <= period.end) continue;
          }
          message = limits[r]!.message;
          break;
        }
      }
      const error: ConsistencyError = {
        instancePath: instancePath + c.rule.field,
        schemaPath,
        keyword: CONSISTENCY_KEYWORD,
        params: { rule: c.rule.id, message: message!, severity: c.severity, ...(c.other >= 0 ? { compared: instancePath + pointers[c.other]! } : {}) },
      };
      if (c.severity === 'error') (errors ??= []).push(error);
      else if (isRun(given)) (given.warnings ??= []).push(error);
    }
    return errors;
  };
}
