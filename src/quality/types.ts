/** The quality plan (what a standard declares for each dimension), the counts a pass collects, and the scorecard. */

export interface FieldPlan {
  pointer: string;
  segments: string[];
  required: boolean;
  expected: boolean;
  /** The field's default ("not known") codes, from `x-default-codes`. */
  defaultCodes: (string | number)[];
  /**
   * The field's format when it accepts a value in more than one spelling (a postcode's case and optional
   * space): a value matches a default code in any accepted spelling (default-codes.ts). Absent: exact.
   */
  format?: string;
  /** `format` comes from x-advice, not the field's own: a value it refuses is valid, and matches a default code once its white space is tidied (default-codes.ts). */
  formatAdvised?: true;
  /** The tolerated share of default codes (the DQMI threshold), from standard.yaml; 0 when not declared. */
  threshold: number;
  /**
   * When the field applies (`x-applicable`): every condition must hold, that is the field at `pointer`
   * holds one of `values` (in any case, for a condition with `anyCase`). Absent: the field applies to every record.
   */
  applicableWhen?: ApplicabilityCondition[];
}

export interface ApplicabilityCondition {
  pointer: string;
  values: (string | number | boolean)[];
  /**
   * `{ anyCase: [...] }` in `x-applicable`: the field at `pointer` holds text that is one of `values` in
   * any case (compared in upper case, as `x-record-actions`' anyCase). Absent: one of `values` exactly.
   */
  anyCase?: true;
}

/** The reporting period a submission declared, with its deadline (src/quality/period.ts). */
export interface PlanPeriod {
  id: string;
  kind: string;
  /** Inclusive dates, YYYY-MM-DD. */
  start: string;
  end: string;
  /** The instant the file is due by (exclusive): the period's end plus the standard's reportingPeriod.deadline. */
  dueBy: string;
  /** The last day on which the file is on time. */
  lastDay: string;
  /**
   * The first day of the data the period's file carries, when the standard declares a rolling window
   * (`reportingPeriod.covers`, e.g. CLD's 12 months) reaching before the period; absent otherwise.
   */
  coversFrom?: string;
}

/** Plain data, so worker threads can build the same collector. */
export interface QualityPlan {
  fields: FieldPlan[];
  /** JSON pointers (as segments) of the record key; null when the standard declares none. */
  recordKey: string[][] | null;
  /**
   * Parts of the record key that a record may leave out (standard.yaml `recordKeyOptional`), as segments:
   * such a part not given is part of the key as "not given", so a record without it is still keyed (a CLD
   * service has no route of access, a request no service component). Absent: every part is needed.
   */
  keyOptional?: string[][];
  /**
   * For a version whose rows act on records (`x-record-actions`): only rows that create a record have
   * their key judged (an UPDATE or DELETE of an identifier is not a duplicate record). Absent otherwise.
   */
  keyedActions?: { action: string[]; values: string[]; anyCase: boolean };
  /**
   * When x-record-actions joins its identifier as text (`join`) and the record key is that identifier:
   * the key's parts are judged as that one text, so uniqueness counts what the rule across rows refuses.
   */
  keyJoin?: string;
  eventDate: string[] | null;
  /**
   * Where the standard declares one (standard.yaml `episodeEndDate`), the end of the episode a record
   * describes (a service, a stay): a record whose episode is still ongoing at the cut-off (its end blank,
   * or no earlier than the cut-off) is on time however long before it started. Absent: judged on the
   * event date alone.
   */
  episodeEndDate?: string[];
  /** ISO 8601 duration after the event date by which a record is due. */
  submissionDeadline: string | null;
  /**
   * The standard's own `notAfter: "$submission"` rule on the event date, when it declares one: timeliness
   * takes an event as dated after the submission exactly as the rule does (its skew and calendar). Absent:
   * the rule's defaults (PT5M, the UK calendar).
   */
  eventSubmissionRule?: SubmissionRule;
  /** Ids of the cross-field rules (`x-consistency`). */
  consistencyRules: string[];
  /**
   * Per cross-field rule, the values it compares: its field's pointer and the other's (or `$submission`,
   * `$period`). A rule compares nothing in a record without them (consistency-rules.ts), and a file where
   * no rule compares anything is not measured for consistency. Absent when a rule lies below the record's
   * root (inside a property), whose pointers are not the record's: then every readable record counts.
   */
  consistencyOperands?: string[][];
  /**
   * Per cross-field rule (in the order of consistencyRules), the `x-applicable` conditions of the fields it
   * compares, all of which must hold for the rule to apply to a record; null for a rule whose fields apply
   * to every record. Absent when every rule applies to every record. A record no rule applies to (a batch
   * file's DELETE row, whose dates the pipeline ignores) is not judged: counted as `notApplicable`.
   */
  consistencyApplies?: (ApplicabilityCondition[] | null)[];
  /** When the submission was made (ISO 8601): timeliness is judged against it when no period is declared. */
  submittedAt: string;
  /**
   * When the file's own name says it was made (ISO 8601; file-stamp.ts), when its standard's file-name
   * convention has a timestamp, the name keeps the convention and the time is no later than the
   * submission: without a period, timeliness is judged against it rather than the time of validation.
   */
  sentAt?: string;
  /** The declared reporting period: timeliness is judged against its deadline, whatever the clock says. */
  period: PlanPeriod | null;
  /**
   * The kind of period the standard is reported by (standard.yaml `reportingPeriod.kind`), when it declares
   * one: its files are judged against their period's deadline, so without a period timeliness is not measured.
   */
  periodKind?: string;
  /** The share of valid records below which the overall score is capped and marked "fails validity". */
  validityGate: number;
}

export interface FieldCounts {
  /** Records where the field has a value (not absent, null, or text that is empty or only white space: blank.ts). */
  present: number;
  /** Present values with a finding at or under the field. */
  invalid: number;
  /** Present values that are one of the field's default codes. */
  defaults: number;
  /** For a field with `x-applicable`: records where it does not apply or that cannot be read (its other counts leave them out). */
  notApplicable?: number;
}

/** Everything the scorecard is computed from; a scorecard can be recomputed from these alone. */
export interface QualityCounts {
  records: number;
  validRecords: number;
  unreadableRecords: number;
  fields: Record<string, FieldCounts>;
  uniqueness: { keyed: number; duplicates: number; missingKey: number; capped: boolean } | null;
  /**
   * `checkable` (with the plan's consistencyOperands): the records in which at least one rule had every
   * value it compares; none, and consistency is not measured. Scorecards stored before it have none.
   * `notApplicable` (with the plan's consistencyApplies): the records no rule applies to, not in `assessed`.
   */
  consistency: { assessed: number; failed: number; failedByRule: Record<string, number>; checkable?: number; notApplicable?: number } | null;
  /**
   * `ongoing` (only with an episode end date declared): records on time because their episode was still
   * ongoing at the cut-off though it started before it; they are counted in onTime too.
   * `afterSubmission`: records whose event is dated after the submission (as a `notAfter: $submission`
   * rule compares it), not judged and not in `assessed`. Scorecards stored before it have none.
   */
  timeliness: { assessed: number; onTime: number; unassessable: number; ongoing?: number; afterSubmission?: number } | null;
}

export type DimensionName = 'validity' | 'completeness' | 'uniqueness' | 'consistency' | 'timeliness' | 'defaults';

export interface FieldScore {
  field: string;
  score: number;
  [count: string]: number | string;
}

export interface DimensionScore {
  measured: boolean;
  /** 0–100, one decimal; null when not measured. */
  score: number | null;
  formula: string;
  /** Why the dimension is not measured, or what to know about its figure. */
  note?: string;
  counts: Record<string, number | boolean>;
  fields?: FieldScore[];
}

export type ValidityStatus = 'meets-validity-gate' | 'fails-validity' | 'not-measured';

export interface Scorecard {
  /** The first figure: the share of records that pass the schema, 0–100 (the validity dimension's score). */
  validity: number | null;
  /** Whether validity reaches the gate; below it the overall score is capped at validity. */
  status: ValidityStatus;
  failsValidity: boolean;
  /** The gate as a score out of 100 (standard.yaml `quality.validityGate` × 100; default 95). */
  validityGate: number;
  /** The headline: the weighted mean of the measured dimensions, capped at validity when validity fails the gate; null when none is measured. */
  overall: number | null;
  /** The weighted mean before the cap (the same as overall unless validity fails the gate). */
  weightedMean: number | null;
  weights: Record<DimensionName, number>;
  dimensions: Record<DimensionName, DimensionScore>;
  /** NHS England's DQMI item score per field, shown for comparison; not part of the overall (it repeats completeness, validity and defaults). */
  dqmi: DimensionScore;
  accuracy: { measured: false; note: string };
  plan: {
    fields: {
      field: string;
      required: boolean;
      expected: boolean;
      defaultCodes: (string | number)[];
      threshold: number;
      applicableWhen?: ApplicabilityCondition[];
    }[];
    recordKey: string[] | null;
    /** Present only when the standard declares key parts that may be absent (standard.yaml `recordKeyOptional`). */
    recordKeyOptional?: string[];
    eventDate: string | null;
    /** Present only when the standard declares one (standard.yaml `episodeEndDate`). */
    episodeEndDate?: string;
    submissionDeadline: string | null;
    /** The standard's own `notAfter: "$submission"` rule on the event date (QualityPlan.eventSubmissionRule). */
    eventSubmissionRule?: SubmissionRule;
    submittedAt: string;
    /** Present only when the file's name gave its time (QualityPlan.sentAt). */
    sentAt?: string;
    period: PlanPeriod | null;
    /** Present only when the standard is reported by period: without a period, timeliness is then not measured. */
    periodKind?: string;
    validityGate: number;
  };
  counts: QualityCounts;
}

/** A `notAfter: "$submission"` rule's settings (validation/consistency-rules.ts). */
export interface SubmissionRule {
  /** The rule's id, when it has one. */
  id?: string;
  /** ISO 8601 duration a value may be after the time of receipt (clocks differ). */
  skew: string;
  /** Whose calendar date of the submission a date alone may be. */
  calendar: 'uk' | 'utc';
}
