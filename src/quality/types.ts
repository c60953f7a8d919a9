/** The quality plan (what a standard declares for each dimension), the counts a pass collects, and the scorecard. */

export interface FieldPlan {
  pointer: string;
  segments: string[];
  required: boolean;
  expected: boolean;
  /** The field's default ("not known") codes, from `x-default-codes`. */
  defaultCodes: (string | number)[];
  /** The tolerated share of default codes (the DQMI threshold), from standard.yaml; 0 when not declared. */
  threshold: number;
}

/** Plain data, so worker threads can build the same collector. */
export interface QualityPlan {
  fields: FieldPlan[];
  /** JSON pointers (as segments) of the record key; null when the standard declares none. */
  recordKey: string[][] | null;
  eventDate: string[] | null;
  /** ISO 8601 duration after the event date by which a record is due. */
  submissionDeadline: string | null;
  /** Ids of the cross-field rules (`x-consistency`). */
  consistencyRules: string[];
  /** When the submission was made (ISO 8601): timeliness is judged against it. */
  submittedAt: string;
}

export interface FieldCounts {
  /** Records where the field has a value (not absent, null or empty text). */
  present: number;
  /** Present values with a finding at or under the field. */
  invalid: number;
  /** Present values that are one of the field's default codes. */
  defaults: number;
}

/** Everything the scorecard is computed from; a scorecard can be recomputed from these alone. */
export interface QualityCounts {
  records: number;
  validRecords: number;
  unreadableRecords: number;
  fields: Record<string, FieldCounts>;
  uniqueness: { keyed: number; duplicates: number; missingKey: number; capped: boolean } | null;
  consistency: { assessed: number; failed: number; failedByRule: Record<string, number> } | null;
  timeliness: { assessed: number; onTime: number; unassessable: number } | null;
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

export interface Scorecard {
  /** Weighted mean of the measured dimensions, 0–100; null when none is measured. */
  overall: number | null;
  weights: Record<DimensionName, number>;
  dimensions: Record<DimensionName, DimensionScore>;
  accuracy: { measured: false; note: string };
  plan: {
    fields: { field: string; required: boolean; expected: boolean; defaultCodes: (string | number)[]; threshold: number }[];
    recordKey: string[] | null;
    eventDate: string | null;
    submissionDeadline: string | null;
    submittedAt: string;
  };
  counts: QualityCounts;
}
