/**
 * Counts everything the scorecard needs as records stream past, in the engine's single pass: per field
 * presence, invalid values and default codes; record-key fingerprints; cross-field rule failures; event
 * dates against the deadline; for fields with `x-applicable`, the records where they do not apply (left out
 * of the field's counts). On a worker thread it collects key fingerprints instead of judging them,
 * and the main collector absorbs its counts and fingerprints in input order; on the thread that reads the
 * records it judges them a few hundred at a time (settleKeys).
 */
import type { Finding } from '../validation/report-types.js';
import type { RecordObserver } from '../validation/observer.js';
import { pointerGetter, toPointer } from '../validation/pointer.js';
import { parseTime } from '../validation/date-time.js';
import { FingerprintSet, KeyHasher, type RecordPosition } from '../validation/fingerprints.js';
import { DuplicateRecords } from './duplicates.js';
import { BlankKeys } from './blank-keys.js';
import { heldInNormalForm, NearDuplicates, partInNormalForm } from './near-duplicates.js';
import { defaultCodeTest } from './default-codes.js';
import { filledText, isGiven } from './blank.js';
import { conditionTest } from './applicability.js';
import { PERIOD, SUBMISSION } from '../validation/consistency-rules.js';
import { compileGetter, compileKeyReader, compileRecordReader, type KeyReader, type RecordReader } from './field-reader.js';
import { sentOrReceived, timelinessCutoff } from './dimensions/timeliness.js';
import { CutoffJudge, dateOnly, SubmissionLimit } from './on-time.js';
import type { FieldCounts, QualityCounts, QualityPlan } from './types.js';
import { PieceCountsLayout } from './piece-counts.js';

interface WorkerState {
  /** The piece's counts, in the plan's layout (piece-counts.ts). */
  counts: Float64Array;
  /**
   * Fingerprints, the record and line (within the piece) and spreadsheet row (CSV, validated whole on the
   * thread: the submission's own; 0 for NDJSON) each came from, and the key's normal-form fingerprint (0, 0
   * when the key is in normal form): seven numbers each (a typed array clones as one block of memory).
   * Signed: the fingerprints are (KeyHasher), and the record, line and row are read back unsigned.
   */
  keys: Int32Array;
  /** Records of the piece whose key is given but blank (blank-keys.ts): the first few (record and line within the piece, row), and how many in all. */
  blankKeys?: { records: RecordPosition[]; count: number };
}

/** Numbers per deferred key in WorkerState.keys. */
const KEY_NUMBERS = 7;
/** Keys this thread defers and then judges together (settleKeys). */
const KEYS_AT_ONCE = 256;

/** An episode's end date is blank when absent, null or empty (text of spaces is not a date, and no end). */
const endGiven = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function emptyCounts(plan: QualityPlan): QualityCounts {
  return {
    records: 0,
    validRecords: 0,
    unreadableRecords: 0,
    fields: Object.fromEntries(
      plan.fields.map((f) => [
        f.pointer,
        f.applicableWhen ? { present: 0, invalid: 0, defaults: 0, notApplicable: 0 } : { present: 0, invalid: 0, defaults: 0 },
      ]),
    ),
    uniqueness: plan.recordKey ? { keyed: 0, duplicates: 0, missingKey: 0, capped: false } : null,
    consistency:
      plan.consistencyRules.length > 0
        ? {
            assessed: 0,
            failed: 0,
            failedByRule: Object.fromEntries(plan.consistencyRules.map((r) => [r, 0])),
            ...(plan.consistencyOperands ? { checkable: 0 } : {}),
            ...(plan.consistencyApplies ? { notApplicable: 0 } : {}),
          }
        : null,
    timeliness:
      plan.eventDate && plan.submissionDeadline
        ? plan.episodeEndDate
          ? { assessed: 0, onTime: 0, unassessable: 0, ongoing: 0, afterSubmission: 0 }
          : { assessed: 0, onTime: 0, unassessable: 0, afterSubmission: 0 }
        : null,
  };
}

/** A field with `x-applicable`: how to read it, and the group of fields under the same conditions. */
interface ConditionalField {
  index: number;
  get: (value: unknown) => unknown;
  isDefault: ((value: unknown) => boolean) | null;
  group: ConditionGroup;
}

/**
 * Conditions some fields share (the immunisation batch file's 13 columns a NEW or UPDATE row must carry
 * all apply when ACTION_FLAG is one of those): judged once a record, not once a field.
 */
interface ConditionGroup {
  conditions: { get: (value: unknown) => unknown; holds: (value: unknown) => boolean }[];
  /** Whether they hold for the record in hand (set by applicability before its fields are read). */
  holds: boolean;
}

export class QualityCollector implements RecordObserver {
  private tally: QualityCounts;
  private fields: { pointer: string; get: (value: unknown) => unknown; counts: FieldCounts }[];
  /** Reads a record's measured fields, key, rule operands and event date, each field once (field-reader.ts). */
  private readonly readRecord: RecordReader;
  /** What readRecord found besides its counts: [0] the key complete, [1] a rule's operands all given. */
  private readonly found = new Uint8Array(2);
  private present: Float64Array;
  private defaultCounts: Float64Array;
  private readonly conditional: ConditionalField[];
  private readonly conditionGroups: ConditionGroup[];
  /** Per field, 1 when it applies to the record in hand (always 1 for a field without conditions). */
  private readonly applies: Uint8Array;
  /**
   * The plan's index of the event date when `x-applicable` says when it applies, else -1: a record it does
   * not apply to (a batch file's DELETE row, whose vaccination time the pipeline ignores) is not judged
   * for timeliness; deleting an old record is not a late one.
   */
  private readonly eventIndex: number;
  /** Each field's index by its pointer, and per field the last record (by invalidMark) counted invalid. */
  private readonly fieldIndex: Map<string, number>;
  private readonly invalidSeen: Uint32Array;
  private invalidMark = 0;
  /** The most segments a field's pointer has. */
  private readonly fieldDepth: number;
  /** Per conditional field: records where it does not apply, and values and default codes given there anyway. */
  private notApplicable: Float64Array;
  private presentNotApplicable: Float64Array;
  private defaultsNotApplicable: Float64Array;
  private readonly readKey: KeyReader | undefined;
  /** Whether a row's key is judged (plan.keyedActions: only rows that create a record); undefined: every row's. */
  private readonly keyed: ((value: unknown) => boolean) | undefined;
  private readonly hashPart: (text: string, tag: number) => void;
  /** Hashes a part of the key in hand again in normal form (near-duplicates.ts), into normalHasher. */
  private readonly hashNormalPart: (text: string, tag: number) => void;
  private readonly hasher = new KeyHasher();
  /** Made on first use: a worker's collector defers its keys and never needs one (about 750 KiB to start). */
  private keySet: FingerprintSet | undefined;
  private readonly duplicateRecords = new DuplicateRecords();
  private readonly nearDuplicateRecords = new NearDuplicates();
  /** Records whose key is given but blank (blank-keys.ts); on a worker, those of the piece in hand. */
  blankKeys = new BlankKeys();
  /** The key's fields, read again only for a record whose key is not complete (to tell blank from absent). */
  private readonly keyFields: ((value: unknown) => unknown)[];
  private readonly keyPointers: Set<string>;
  /** Whether every text part of the key in hand is in normal form; when one is not, the key is read again into normalHasher. */
  private keyNormal = true;
  private readonly normalHasher = new KeyHasher();
  /**
   * Keys not yet judged, KEY_NUMBERS numbers each: on a worker, the piece's keys, sent with its state; on
   * this thread, the last few keys, judged together (settleKeys) once there are KEYS_AT_ONCE of them.
   */
  private pendingKeys = new Int32Array(4096);
  private pendingLength = 0;
  private readonly cutoff: number | undefined;
  private readonly judgeCutoff: CutoffJudge | undefined;
  /** Events after it are not judged for timeliness: they had not happened when the file was sent. */
  private readonly submission: SubmissionLimit;
  private readonly episodeEnd: ((value: unknown) => unknown) | undefined;
  private readonly rules: Set<string>;
  /** Per rule, the tests of its fields' `x-applicable` conditions (null: it applies to every record); undefined when every rule always applies. */
  private readonly ruleApplies: ({ get: (value: unknown) => unknown; holds: (value: unknown) => boolean }[] | null)[] | undefined;
  /** Whether the plan has consistencyOperands: then readRecord tests whether a record gives every value at least one rule compares. */
  private readonly ruleCompares: boolean;
  /** Dates (YYYY-MM-DD) two days after and before the cut-off. */
  private readonly clearlyOnTime: string;
  private readonly clearlyLate: string;
  /** How a worker's counts for a piece are sent (piece-counts.ts); made on first use. */
  private layout: PieceCountsLayout | undefined;

  constructor(
    readonly plan: QualityPlan,
    private readonly deferKeys = false,
  ) {
    this.tally = emptyCounts(plan);
    this.fields = plan.fields.map((f) => ({ pointer: f.pointer, get: pointerGetter(f.pointer), counts: this.tally.fields[f.pointer]! }));
    this.present = new Float64Array(plan.fields.length);
    this.defaultCounts = new Float64Array(plan.fields.length);
    const groups = new Map<string, ConditionGroup>();
    this.conditional = plan.fields.flatMap((f, index) => {
      if (!f.applicableWhen) return [];
      const key = JSON.stringify(f.applicableWhen);
      let group = groups.get(key);
      if (!group) {
        const conditions = f.applicableWhen.map((c) => ({ get: pointerGetter(c.pointer), holds: conditionTest(c) }));
        groups.set(key, (group = { conditions, holds: true }));
      }
      return [{ index, get: pointerGetter(f.pointer), isDefault: defaultCodeTest(f), group }];
    });
    this.conditionGroups = [...groups.values()];
    this.applies = new Uint8Array(plan.fields.length).fill(1);
    this.eventIndex = plan.eventDate ? plan.fields.findIndex((f) => f.applicableWhen && f.pointer === toPointer(plan.eventDate!)) : -1;
    this.fieldIndex = new Map(plan.fields.map((f, i) => [f.pointer, i]));
    this.invalidSeen = new Uint32Array(plan.fields.length);
    this.fieldDepth = plan.fields.reduce((most, f) => Math.max(most, f.segments.length), 0);
    this.notApplicable = new Float64Array(plan.fields.length);
    this.presentNotApplicable = new Float64Array(plan.fields.length);
    this.defaultsNotApplicable = new Float64Array(plan.fields.length);
    this.cutoff = timelinessCutoff(plan);
    this.rules = new Set(plan.consistencyRules);
    this.ruleCompares = plan.consistencyOperands !== undefined;
    this.ruleApplies = plan.consistencyApplies?.map(
      (conditions) => conditions && conditions.map((c) => ({ get: pointerGetter(c.pointer), holds: conditionTest(c) })),
    );
    const day = (offset: number): string => (this.cutoff === undefined ? '' : new Date(this.cutoff + offset * 86_400_000).toISOString().slice(0, 10));
    this.clearlyOnTime = day(2);
    this.clearlyLate = day(-1);
    const optional = plan.keyOptional?.map(toPointer);
    // The parts a key needs (a part that may be absent never makes it blank).
    this.keyPointers = new Set((plan.recordKey ?? []).map(toPointer).filter((p) => !optional?.includes(p)));
    this.keyFields = [...this.keyPointers].map(pointerGetter);
    this.readKey = plan.recordKey ? compileKeyReader(plan.recordKey.map(toPointer), plan.keyJoin, optional) : undefined;
    if (plan.recordKey && plan.keyedActions) this.keyed = creatingRows(plan.keyedActions);
    this.hashPart = (text, tag) => {
      const held = this.hasher.part(text, tag);
      if (tag === 1 && this.keyNormal && !heldInNormalForm(text, held)) this.keyNormal = false;
    };
    this.hashNormalPart = (text, tag) => partInNormalForm(this.normalHasher, text, tag);
    this.readRecord = compileRecordReader({
      fields: plan.fields,
      ...(plan.recordKey
        ? { key: { pointers: plan.recordKey.map(toPointer), ...(plan.keyJoin !== undefined ? { join: plan.keyJoin } : {}), ...(optional ? { optional } : {}) } }
        : {}),
      // A period rule is skipped without a period; the others compare what the record gives.
      ...(plan.consistencyOperands
        ? {
            operands: plan.consistencyOperands
              .filter((operands) => plan.period || !operands.includes(PERIOD))
              .map((operands) => operands.filter((o) => o !== PERIOD && o !== SUBMISSION)),
          }
        : {}),
      ...(plan.eventDate ? { eventDate: toPointer(plan.eventDate) } : {}),
    });
    this.judgeCutoff = this.cutoff === undefined ? undefined : new CutoffJudge(this.cutoff);
    this.submission = new SubmissionLimit(sentOrReceived(plan), plan.eventSubmissionRule);
    this.episodeEnd = plan.episodeEndDate ? compileGetter(toPointer(plan.episodeEndDate)) : undefined;
  }

  /** The counts so far (field presence and defaults are kept in typed arrays while records stream). */
  get counts(): QualityCounts {
    this.settleKeys();
    this.fields.forEach((f, i) => {
      f.counts.present = this.present[i]! - this.presentNotApplicable[i]!;
      f.counts.defaults = this.defaultCounts[i]! - this.defaultsNotApplicable[i]!;
      if (f.counts.notApplicable !== undefined) f.counts.notApplicable = this.notApplicable[i]!;
    });
    return this.tally;
  }

  /** The records that share a key, for the report's duplicate-key findings. */
  get duplicates(): DuplicateRecords {
    this.settleKeys();
    return this.duplicateRecords;
  }

  /** Records whose keys differ from an earlier one's only in letter case or surrounding spaces (near-duplicates.ts). */
  get nearDuplicates(): NearDuplicates {
    this.settleKeys();
    return this.nearDuplicateRecords;
  }

  /** Which conditional fields apply to this record; a value given where its field does not apply is set aside. */
  private applicability(value: unknown): void {
    for (const group of this.conditionGroups) {
      let holds = true;
      for (const c of group.conditions) {
        if (!c.holds(c.get(value))) {
          holds = false;
          break;
        }
      }
      group.holds = holds;
    }
    for (const field of this.conditional) {
      const applies = field.group.holds;
      this.applies[field.index] = applies ? 1 : 0;
      if (applies) continue;
      this.notApplicable[field.index]!++;
      const v = field.get(value);
      if (isGiven(v)) {
        this.presentNotApplicable[field.index]!++;
        if (field.isDefault?.(v)) this.defaultsNotApplicable[field.index]!++;
      }
    }
  }

  observe(value: unknown, findings: readonly Finding[] | undefined, line = 0, row = 0): void {
    const c = this.tally;
    c.records++;
    // A record is valid when it has no error finding: warnings (e.g. a `severity: warning` rule) are
    // reported and counted by consistency, but neither make the record nor a field invalid.
    const errors = findings?.some((f) => f.severity === 'error') ? findings.filter((f) => f.severity === 'error') : undefined;
    if (errors === undefined) c.validRecords++;
    const keyWanted = c.uniqueness !== null && (this.keyed === undefined || this.keyed(value));
    if (keyWanted) {
      this.hasher.reset();
      this.keyNormal = true;
    }
    const event = this.readRecord(value, this.present, this.defaultCounts, keyWanted ? this.hashPart : undefined, this.found);
    if (this.conditional.length > 0) this.applicability(value);
    if (errors !== undefined) this.countInvalid(value, errors);
    if (keyWanted) this.key(value, c.uniqueness!, line, row, errors);
    if (c.consistency) {
      let failed = false;
      if (findings !== undefined) {
        for (const f of findings) {
          if (this.rules.has(f.rule)) {
            c.consistency.failedByRule[f.rule]!++;
            failed = true;
          }
        }
      }
      // A record no rule applies to (x-applicable of the rules' fields) is not judged: it neither passes nor fails.
      if (!failed && this.ruleApplies !== undefined && !this.anyRuleApplies(value)) c.consistency.notApplicable!++;
      else {
        c.consistency.assessed++;
        if (failed) c.consistency.failed++;
        if (this.ruleCompares && this.found[1] === 1) c.consistency.checkable!++;
      }
    }
    if (c.timeliness && (this.eventIndex === -1 || this.applies[this.eventIndex] === 1)) this.timeliness(value, event, errors === undefined, c.timeliness);
  }

  /** Whether some cross-field rule applies to the record: every `x-applicable` condition of its fields holds. */
  private anyRuleApplies(value: unknown): boolean {
    for (const conditions of this.ruleApplies!) {
      if (conditions === null) return true;
      let holds = true;
      for (const c of conditions) {
        if (!c.holds(c.get(value))) {
          holds = false;
          break;
        }
      }
      if (holds) return true;
    }
    return false;
  }

  /**
   * Counts each field given a value that an error is about: the error's path is the field's pointer or
   * inside it. Each error's path and the pointers above it are looked up (not every field against every
   * error), and a field is counted once per record however many errors it has.
   */
  private countInvalid(value: unknown, errors: readonly Finding[]): void {
    if (this.invalidMark === 0xffffffff) {
      this.invalidSeen.fill(0);
      this.invalidMark = 0;
    }
    const mark = ++this.invalidMark;
    for (const error of errors) {
      let path = this.withinFieldDepth(error.path);
      for (;;) {
        const i = this.fieldIndex.get(path);
        if (i !== undefined && this.invalidSeen[i] !== mark) {
          this.invalidSeen[i] = mark;
          const field = this.fields[i]!;
          if (this.applies[i] === 1 && isGiven(field.get(value))) field.counts.invalid++;
        }
        const up = path.lastIndexOf('/');
        if (up <= 0) break;
        path = path.slice(0, up);
      }
    }
  }

  /**
   * The path cut to the depth of the deepest field: no field lies below it, and an error deep inside
   * nested data (a recursive schema) is then looked up a bounded number of times.
   */
  private withinFieldDepth(path: string): string {
    let at = 0;
    for (let depth = 0; depth < this.fieldDepth; depth++) {
      at = path.indexOf('/', at + 1);
      if (at === -1) return path;
    }
    return path.slice(0, at);
  }

  /**
   * On time when the event is no earlier than the cut-off (a date-only event when its UK day is:
   * on-time.ts), or, where the standard declares an episode end date, when the episode is still ongoing
   * at the cut-off: its end blank, or no earlier than the cut-off. A valid record's event date is a valid
   * RFC 3339 value, so one more than a day away from the cut-off is settled by comparing its date as text
   * (time zone offsets are under a day); only those near the cut-off, and invalid records, are parsed.
   * An event dated after the submission (SubmissionLimit) is not judged, whatever the cut-off: counted
   * in `afterSubmission`, not in `assessed`. One dated more than a day before it is settled as text too.
   */
  private timeliness(value: unknown, event: unknown, valid: boolean, t: NonNullable<QualityCounts['timeliness']>): void {
    let onTime: boolean | undefined;
    const asText = valid && typeof event === 'string' && event.length >= 10 && event.charCodeAt(4) === 45 && event.charCodeAt(7) === 45;
    // An RFC 3339 date a day before the submission is settled as text; any other event is read once, for
    // both the submission and the cut-off (compact dates included: the batch file's every row).
    const early = asText && event < this.submission.surelyBefore;
    const time = early ? undefined : parseTime(event);
    const date = time === undefined ? undefined : dateOnly(event as string);
    if (time !== undefined && this.submission.afterAt(time, date)) {
      t.afterSubmission = (t.afterSubmission ?? 0) + 1;
      return;
    }
    if (asText && this.cutoff !== undefined) {
      if (event >= this.clearlyOnTime) onTime = true;
      else if (event < this.clearlyLate) onTime = false;
    }
    if (onTime === undefined && this.judgeCutoff)
      onTime = early ? this.judgeCutoff.onTime(event) : time === undefined ? undefined : this.judgeCutoff.onTimeAt(time, date);
    if (onTime === undefined) {
      t.unassessable++;
      return;
    }
    t.assessed++;
    if (onTime) t.onTime++;
    else if (this.episodeEnd && this.ongoing(value)) {
      t.onTime++;
      t.ongoing!++;
    }
  }

  /** Whether the record's episode is ongoing at the cut-off: its end date blank, or no earlier than the cut-off. */
  private ongoing(value: unknown): boolean {
    const end = this.episodeEnd!(value);
    return !endGiven(end) || this.judgeCutoff!.onTime(end) === true;
  }

  /**
   * A record that cannot be read has no fields: it counts as incomplete in every field that applies to
   * every record, but whether a conditional field applies to it cannot be known, so it counts as a record
   * where that field does not apply (an assessment's fields were 0% filled over a cleared spreadsheet row in
   * a file of requests alone). It is invalid whatever it held: validity counts it.
   */
  unreadable(): void {
    this.tally.records++;
    this.tally.unreadableRecords++;
    for (const field of this.conditional) this.notApplicable[field.index]!++;
    if (this.tally.timeliness) this.tally.timeliness.unassessable++;
  }

  /** The record's key, fed to the hasher by readRecord (which reset it first). */
  private key(value: unknown, u: NonNullable<QualityCounts['uniqueness']>, line: number, row: number, errors: readonly Finding[] | undefined): void {
    const h = this.hasher;
    if (this.found[0] === 0) {
      u.missingKey++;
      // Named only where no error names a key field already (a standard refusing blank identifiers says so itself).
      if (this.keyFields.some((get) => blankText(get(value))) && !errors?.some((f) => this.keyPointers.has(f.path)))
        this.blankKeys.add({ record: this.tally.records, line, row });
      return;
    }
    let na = 0,
      nb = 0;
    if (!this.keyNormal) {
      // Rare: the same parts read again and hashed in normal form (nothing is kept of a key in normal form).
      this.normalHasher.reset();
      this.readKey!(value, this.hashNormalPart);
      na = this.normalHasher.high;
      nb = this.normalHasher.low;
    }
    // Observed records are numbered in input order, as the report numbers them (unreadable ones count too).
    this.defer(h.high, h.low, this.tally.records, line, row, na, nb);
    if (!this.deferKeys && this.pendingLength >= KEYS_AT_ONCE * KEY_NUMBERS) this.settleKeys();
  }

  /**
   * Judges the keys this thread has deferred, in record order: their slots in the key set are read first,
   * all at once (FingerprintSet.touch), so the cache misses of a set far larger than the caches overlap
   * rather than each add waiting for its own (docs/benchmarks.md). A worker's keys wait for the main thread.
   */
  private settleKeys(): void {
    if (this.deferKeys || this.pendingLength === 0) return;
    const keys = this.pendingKeys;
    const length = this.pendingLength;
    this.pendingLength = 0;
    const u = this.tally.uniqueness!;
    const set = (this.keySet ??= new FingerprintSet());
    set.touch(keys, KEY_NUMBERS, length);
    for (let i = 0; i < length; i += KEY_NUMBERS) {
      this.judge(keys[i]!, keys[i + 1]!, u, keys[i + 2]! >>> 0, keys[i + 3]! >>> 0, keys[i + 4]! >>> 0, keys[i + 5]!, keys[i + 6]!);
    }
  }

  private defer(a: number, b: number, record: number, line: number, row: number, na: number, nb: number): void {
    if (this.pendingLength + KEY_NUMBERS > this.pendingKeys.length) {
      const bigger = new Int32Array(this.pendingKeys.length * 2);
      bigger.set(this.pendingKeys);
      this.pendingKeys = bigger;
    }
    // The array and its length read once, the length written once (each `this.…++` was a read and a write).
    const keys = this.pendingKeys;
    const at = this.pendingLength;
    keys[at] = a;
    keys[at + 1] = b;
    keys[at + 2] = record;
    keys[at + 3] = line;
    keys[at + 4] = row;
    keys[at + 5] = na;
    keys[at + 6] = nb;
    this.pendingLength = at + KEY_NUMBERS;
  }

  private judge(a: number, b: number, u: NonNullable<QualityCounts['uniqueness']>, record: number, line: number, row: number, na: number, nb: number): void {
    u.keyed++;
    const keys = (this.keySet ??= new FingerprintSet());
    if (!keys.add(a, b, record, line, row)) {
      u.duplicates++;
      this.duplicateRecords.add({ record: keys.firstRecord, line: keys.firstLine, row: keys.firstRow }, { record, line, row });
    } else if (!keys.capped) this.nearDuplicateRecords.check(keys, a, b, na, nb, record, line, row);
    u.capped = keys.capped;
  }

  /** About how many records the whole input holds (see RecordObserver.expect): the key set makes room for their keys at once. */
  expect(records: number): void {
    if (this.readKey !== undefined && !this.deferKeys) (this.keySet ??= new FingerprintSet()).reserve(records);
  }

  /** The counts and deferred keys since the last call, and a fresh start (see RecordObserver.state). */
  state(): WorkerState {
    const blank = this.blankKeys.count > 0 ? { blankKeys: { records: this.blankKeys.records, count: this.blankKeys.count } } : {};
    this.layout ??= new PieceCountsLayout(this.plan);
    const state: WorkerState = { counts: this.layout.pack(this.counts), keys: this.pendingKeys.slice(0, this.pendingLength), ...blank };
    if (this.blankKeys.count > 0) this.blankKeys = new BlankKeys();
    this.tally = emptyCounts(this.plan);
    this.fields = this.plan.fields.map((f, i) => ({ pointer: f.pointer, get: this.fields[i]!.get, counts: this.tally.fields[f.pointer]! }));
    this.present = new Float64Array(this.plan.fields.length);
    this.defaultCounts = new Float64Array(this.plan.fields.length);
    this.notApplicable = new Float64Array(this.plan.fields.length);
    this.presentNotApplicable = new Float64Array(this.plan.fields.length);
    this.defaultsNotApplicable = new Float64Array(this.plan.fields.length);
    this.pendingLength = 0;
    return state;
  }

  absorb(raw: unknown, lineOffset = 0): void {
    this.settleKeys();
    const { counts, keys, blankKeys } = raw as WorkerState;
    const layout = (this.layout ??= new PieceCountsLayout(this.plan));
    const c = this.tally;
    const before = c.records;
    layout.addTo(c, counts);
    for (let i = 0; i < this.fields.length; i++) {
      const at = layout.field(i);
      this.present[i] = this.present[i]! + counts[at]!;
      this.defaultCounts[i] = this.defaultCounts[i]! + counts[at + 2]!;
      this.notApplicable[i] = this.notApplicable[i]! + counts[at + 3]!;
    }
    if (c.uniqueness) {
      if (blankKeys)
        this.blankKeys.absorb(
          blankKeys.records.map((at) => ({ record: before + at.record, line: at.line === 0 ? 0 : lineOffset + at.line, row: at.row })),
          blankKeys.count,
        );
      // The piece's keys' slots are read into the cache first, all at once (FingerprintSet.touch).
      if (keys.length > 0) (this.keySet ??= new FingerprintSet()).touch(keys, KEY_NUMBERS);
      for (let i = 0; i < keys.length; i += KEY_NUMBERS) {
        this.judge(
          keys[i]!,
          keys[i + 1]!,
          c.uniqueness,
          before + (keys[i + 2]! >>> 0),
          lineOffset + (keys[i + 3]! >>> 0),
          keys[i + 4]! >>> 0,
          keys[i + 5]!,
          keys[i + 6]!,
        );
      }
    }
  }
}

/** For worker threads (validation/observer.ts): a collector that defers key judgement to the main thread. */
export function createWorkerObserver(plan: unknown): RecordObserver {
  return new QualityCollector(plan as QualityPlan, true);
}

/** Whether a row creates a record (its action field holds a create action, in any case when declared). */
function creatingRows(actions: NonNullable<QualityPlan['keyedActions']>): (value: unknown) => boolean {
  const read = pointerGetter(toPointer(actions.action));
  const creates = new Set(actions.anyCase ? actions.values.map((v) => v.toUpperCase()) : actions.values);
  return (value) => {
    const action = read(value);
    return typeof action === 'string' && creates.has(actions.anyCase ? action.toUpperCase() : action);
  };
}

/** Text given but holding only white space (blank.ts): a key field present, yet blank. */
function blankText(value: unknown): boolean {
  return typeof value === 'string' && !filledText(value);
}
