/**
 * A worker thread's scorecard counts for one piece, as one Float64Array the main collector adds up
 * (collector.ts `state` and `absorb`). Both sides build the same layout from the same plan (the field
 * table is the plan's fields, in order, and the rules the plan's consistency rules), so nothing names a
 * field on the wire: a piece's counts cross as one block of memory, handed over rather than copied, where
 * they were an object per field keyed by its pointer, rebuilt by the main thread for every piece. Counts
 * are whole numbers far below 2^53, so a float holds each exactly and the sums are the same.
 *
 * The layout: records, validRecords, unreadableRecords; per field its present, invalid, defaults and
 * notApplicable (0 for a field without conditions); with a record key, missingKey (a worker defers its
 * keys, so it never counts keyed or duplicates); with rules, assessed, failed, checkable (0 without
 * operands), and each rule's failures; with timeliness, assessed, onTime, unassessable, ongoing and
 * afterSubmission (0 when the plan has none).
 */
import type { QualityCounts, QualityPlan } from './types.js';

const FIELD_NUMBERS = 4;
const HEAD = 3;

export class PieceCountsLayout {
  readonly length: number;
  private readonly keyAt: number;
  private readonly rulesAt: number;
  private readonly timelinessAt: number;
  private readonly pointers: string[];
  private readonly rules: string[];

  constructor(plan: QualityPlan) {
    this.pointers = plan.fields.map((f) => f.pointer);
    this.rules = plan.consistencyRules;
    let at = HEAD + FIELD_NUMBERS * this.pointers.length;
    this.keyAt = at;
    if (plan.recordKey) at += 1;
    this.rulesAt = at;
    if (plan.consistencyRules.length > 0) at += 4 + plan.consistencyRules.length;
    this.timelinessAt = at;
    if (plan.eventDate && plan.submissionDeadline) at += 5;
    this.length = at;
  }

  /** Where field `index`'s four numbers start. */
  field(index: number): number {
    return HEAD + FIELD_NUMBERS * index;
  }

  /** `counts` (a worker's, for one piece) in this layout. */
  pack(counts: QualityCounts): Float64Array {
    const packed = new Float64Array(this.length);
    packed[0] = counts.records;
    packed[1] = counts.validRecords;
    packed[2] = counts.unreadableRecords;
    this.pointers.forEach((pointer, i) => {
      const f = counts.fields[pointer]!;
      const at = this.field(i);
      packed[at] = f.present;
      packed[at + 1] = f.invalid;
      packed[at + 2] = f.defaults;
      packed[at + 3] = f.notApplicable ?? 0;
    });
    if (counts.uniqueness) packed[this.keyAt] = counts.uniqueness.missingKey;
    const c = counts.consistency;
    if (c) {
      const at = this.rulesAt;
      packed[at] = c.assessed;
      packed[at + 1] = c.failed;
      packed[at + 2] = c.checkable ?? 0;
      packed[at + 3] = c.notApplicable ?? 0;
      this.rules.forEach((rule, r) => (packed[at + 4 + r] = c.failedByRule[rule] ?? 0));
    }
    const t = counts.timeliness;
    if (t) {
      const at = this.timelinessAt;
      packed[at] = t.assessed;
      packed[at + 1] = t.onTime;
      packed[at + 2] = t.unassessable;
      packed[at + 3] = t.ongoing ?? 0;
      packed[at + 4] = t.afterSubmission ?? 0;
    }
    return packed;
  }

  /**
   * Adds `packed` to `into` but for the fields' present, defaults and notApplicable (the collector keeps
   * those in typed arrays of its own and adds them from `field(i)`), as the counts objects were added.
   */
  addTo(into: QualityCounts, packed: Float64Array): void {
    if (packed.length !== this.length) throw new Error(`a worker's counts have ${packed.length} numbers where the plan has ${this.length}`);
    into.records += packed[0]!;
    into.validRecords += packed[1]!;
    into.unreadableRecords += packed[2]!;
    this.pointers.forEach((pointer, i) => (into.fields[pointer]!.invalid += packed[this.field(i) + 1]!));
    if (into.uniqueness) into.uniqueness.missingKey += packed[this.keyAt]!;
    const c = into.consistency;
    if (c) {
      const at = this.rulesAt;
      c.assessed += packed[at]!;
      c.failed += packed[at + 1]!;
      if (c.checkable !== undefined) c.checkable += packed[at + 2]!;
      if (c.notApplicable !== undefined) c.notApplicable += packed[at + 3]!;
      this.rules.forEach((rule, r) => (c.failedByRule[rule]! += packed[at + 4 + r]!));
    }
    const t = into.timeliness;
    if (t) {
      const at = this.timelinessAt;
      t.assessed += packed[at]!;
      t.onTime += packed[at + 1]!;
      t.unassessable += packed[at + 2]!;
      if (t.ongoing !== undefined) t.ongoing += packed[at + 3]!;
      t.afterSubmission = (t.afterSubmission ?? 0) + packed[at + 4]!;
    }
  }
}
