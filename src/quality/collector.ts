/**
 * Counts everything the scorecard needs as records stream past, in the engine's single pass: per field
 * presence, invalid values and default codes; record-key fingerprints; cross-field rule failures; event
 * dates against the deadline. On a worker thread it collects key fingerprints instead of judging them,
 * and the main collector absorbs its counts and fingerprints in input order.
 */
import type { Finding } from '../validation/report-types.js';
import type { RecordObserver } from '../validation/observer.js';
import { pointerGet } from '../validation/pointer.js';
import { parseTime } from '../validation/date-time.js';
import { fingerprint, FingerprintSet } from './fingerprints.js';
import { subtractDuration } from './deadline.js';
import type { FieldCounts, QualityCounts, QualityPlan } from './types.js';

interface WorkerState {
  counts: QualityCounts;
  keys: number[];
}

const isPresent = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function emptyCounts(plan: QualityPlan): QualityCounts {
  return {
    records: 0,
    validRecords: 0,
    unreadableRecords: 0,
    fields: Object.fromEntries(plan.fields.map((f) => [f.pointer, { present: 0, invalid: 0, defaults: 0 }])),
    uniqueness: plan.recordKey ? { keyed: 0, duplicates: 0, missingKey: 0, capped: false } : null,
    consistency: plan.consistencyRules.length > 0 ? { assessed: 0, failed: 0, failedByRule: Object.fromEntries(plan.consistencyRules.map((r) => [r, 0])) } : null,
    timeliness: plan.eventDate && plan.submissionDeadline ? { assessed: 0, onTime: 0, unassessable: 0 } : null,
  };
}

export class QualityCollector implements RecordObserver {
  readonly counts: QualityCounts;
  private readonly fields: { pointer: string; segments: string[]; defaults: Set<unknown> | null; counts: FieldCounts }[];
  private readonly keys = new FingerprintSet();
  private readonly pendingKeys: number[] = [];
  private readonly cutoff: number | undefined;
  private readonly rules: Set<string>;

  constructor(
    readonly plan: QualityPlan,
    private readonly deferKeys = false,
  ) {
    this.counts = emptyCounts(plan);
    this.fields = plan.fields.map((f) => ({
      pointer: f.pointer,
      segments: f.segments,
      defaults: f.defaultCodes.length > 0 ? new Set<unknown>(f.defaultCodes) : null,
      counts: this.counts.fields[f.pointer]!,
    }));
    this.cutoff = plan.submissionDeadline ? subtractDuration(Date.parse(plan.submittedAt), plan.submissionDeadline) : undefined;
    this.rules = new Set(plan.consistencyRules);
  }

  observe(value: unknown, findings: readonly Finding[] | undefined): void {
    const c = this.counts;
    c.records++;
    if (findings === undefined) c.validRecords++;
    for (const field of this.fields) {
      const v = pointerGet(value, field.segments);
      if (!isPresent(v)) continue;
      field.counts.present++;
      if (findings !== undefined && findings.some((f) => f.path === field.pointer || f.path.startsWith(`${field.pointer}/`))) field.counts.invalid++;
      if (field.defaults?.has(v)) field.counts.defaults++;
    }
    if (c.uniqueness) this.key(value, c.uniqueness);
    if (c.consistency) {
      c.consistency.assessed++;
      let failed = false;
      for (const f of findings ?? []) {
        if (this.rules.has(f.rule)) {
          c.consistency.failedByRule[f.rule]!++;
          failed = true;
        }
      }
      if (failed) c.consistency.failed++;
    }
    if (c.timeliness) {
      const time = parseTime(pointerGet(value, this.plan.eventDate!));
      if (time === undefined || this.cutoff === undefined) c.timeliness.unassessable++;
      else {
        c.timeliness.assessed++;
        if (time >= this.cutoff) c.timeliness.onTime++;
      }
    }
  }

  unreadable(): void {
    this.counts.records++;
    this.counts.unreadableRecords++;
    if (this.counts.timeliness) this.counts.timeliness.unassessable++;
  }

  private key(value: unknown, u: NonNullable<QualityCounts['uniqueness']>): void {
    let text = '';
    for (const segments of this.plan.recordKey!) {
      const part = pointerGet(value, segments);
      if (!isPresent(part) || typeof part === 'object') {
        u.missingKey++;
        return;
      }
      text += `${typeof part === 'string' ? 's' : 'n'}${String(part)}\u0000`;
    }
    const [a, b] = fingerprint(text);
    if (this.deferKeys) this.pendingKeys.push(a, b);
    else this.judge(a, b, u);
  }

  private judge(a: number, b: number, u: NonNullable<QualityCounts['uniqueness']>): void {
    u.keyed++;
    if (!this.keys.add(a, b)) u.duplicates++;
    u.capped = this.keys.capped;
  }

  state(): WorkerState {
    return { counts: this.counts, keys: this.pendingKeys };
  }

  absorb(raw: unknown): void {
    const { counts, keys } = raw as WorkerState;
    const c = this.counts;
    c.records += counts.records;
    c.validRecords += counts.validRecords;
    c.unreadableRecords += counts.unreadableRecords;
    for (const [pointer, f] of Object.entries(counts.fields)) {
      const mine = c.fields[pointer]!;
      mine.present += f.present;
      mine.invalid += f.invalid;
      mine.defaults += f.defaults;
    }
    if (c.uniqueness && counts.uniqueness) {
      c.uniqueness.missingKey += counts.uniqueness.missingKey;
      for (let i = 0; i < keys.length; i += 2) this.judge(keys[i]!, keys[i + 1]!, c.uniqueness);
    }
    if (c.consistency && counts.consistency) {
      c.consistency.assessed += counts.consistency.assessed;
      c.consistency.failed += counts.consistency.failed;
      for (const [rule, n] of Object.entries(counts.consistency.failedByRule)) c.consistency.failedByRule[rule]! += n;
    }
    if (c.timeliness && counts.timeliness) {
      c.timeliness.assessed += counts.timeliness.assessed;
      c.timeliness.onTime += counts.timeliness.onTime;
      c.timeliness.unassessable += counts.timeliness.unassessable;
    }
  }
}

/** For worker threads (validation/observer.ts): a collector that defers key judgement to the main thread. */
export function createWorkerObserver(plan: unknown): RecordObserver {
  return new QualityCollector(plan as QualityPlan, true);
}
