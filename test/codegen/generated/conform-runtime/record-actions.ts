/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/record-actions.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * `x-record-actions`: a file whose rows act on records named by an identifier (create, update or delete
 * the record whose key the row carries), as the national immunisation batch file does with ACTION_FLAG
 * and UNIQUE_ID_URI#UNIQUE_ID. Declared on a version's record schema; the engine follows, in record
 * order, what the file itself does to each identifier, and a create of an identifier that is live at
 * that point of the file (created, or brought back, by an earlier row of the same file and not deleted
 * since) is an error finding on that row: a receiving system that keeps one record per identifier
 * refuses it (the national pipeline answers 422 "… is duplicated"). With `deleteOfDeleted`, a delete of
 * an identifier that is certainly not live (an earlier row of the file asked to delete it, and no row has
 * brought it back since) is an error too: the receiving system has no record to delete (the pipeline's
 * 404 "… does not exist").
 *
 * The identifier is the key's parts taken together; with `join`, the parts joined as text with that
 * separator, as a receiving system that keeps `{URI}#{ID}` compares them (so `a#b` + `c` is `a` + `b#c`).
 *
 * Which earlier rows count: only rows that pass, since a row with an error does nothing in the receiving
 * system (it is refused before it is stored), and a row refused by this rule does nothing either.
 * The check is made only for a row with no other error, as the pipeline reaches it only after its field
 * checks. What the file does to an identifier it did not create is not known (the record may or may not
 * exist already), so the rules are: a create makes the identifier live (from unknown, or from deleted:
 * a create after a delete brings the record back); a delete makes it deleted, whatever it was (a delete
 * of an identifier not known to exist either deletes the record or finds none: not live after it either
 * way); an update of an identifier the file created and then deleted brings it back, and an update of one
 * deleted without being known to exist leaves it unknown (the record may never have been there: the
 * update is then refused); nothing else changes what is known. Actions are compared as written, or in any
 * case with `anyCase`.
 *
 * Memory is bounded: identifiers are kept as 64-bit fingerprints (fingerprints.ts), about 13 bytes each,
 * so a million-row file needs some 24 MiB at most; past 4 million identifiers later new ones are not
 * remembered (a row acting on one of them is not checked). Where the rows it remembers are (their lines,
 * and spreadsheet rows for CSV) is kept as duplicate keys keep it (fingerprints.ts RecordPositions: runs
 * of rows whose lines and rows follow their record numbers, a handful in an ordinary file, at worst 16
 * bytes a row that acts; a row never kept has no position, never a guessed one), so a finding names the earlier row as a duplicate-key finding names a key's first
 * occurrence: "record 1 (line 2, row 2)". The finding names the fields, never their values.
 *
 * Followed by the engine (record-sink.ts) and by generated standalone validators' file check
 * (createFileCheck, validateRows), which ship this file and fingerprints.ts in their runtime
 * (codegen/runtime-files.ts): they may import only runtime files; regenerate after changing them.
 */
import { FingerprintSet, KeyHasher, RecordPositions, whereRecord, type RecordPosition } from './fingerprints.js';
import { pointerGetter } from './pointer.js';
import type { Finding } from './report-types.js';

export const RECORD_ACTIONS_KEYWORD = 'x-record-actions';

export interface RecordActionsRule {
  /** JSON pointers to the fields that together are the identifier a row acts on. */
  key: string[];
  /** JSON pointer to the field that says what the row does. */
  action: string;
  /** Compare actions in any case (`nEw` is `NEW`). */
  anyCase?: boolean;
  /** The actions that create a record, update one, and delete one. */
  create: string[];
  update?: string[];
  delete?: string[];
  /** The identifier is the parts joined as text with this separator (`#`: `{URI}#{ID}`); default: the parts apart. */
  join?: string;
  /** The finding's rule id, the field it is reported at, and its message (never a value). */
  id: string;
  field: string;
  message: string;
  /** A delete of an identifier the file already asked to delete and has not brought back since: its finding. */
  deleteOfDeleted?: FindingRule;
}

/** A finding a rule across rows makes: its rule id, the field it is reported at, its message (never a value). */
export interface FindingRule {
  id: string;
  field: string;
  message: string;
}

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' } as const;
const ACTIONS = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;
const RULE_ID = { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } as const;
const MESSAGE = { type: 'string', minLength: 1 } as const;

export const RECORD_ACTIONS_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'action', 'create', 'id', 'field', 'message'],
  properties: {
    key: { type: 'array', items: POINTER, minItems: 1, uniqueItems: true },
    action: POINTER,
    anyCase: { type: 'boolean' },
    create: { ...ACTIONS, minItems: 1 },
    update: ACTIONS,
    delete: ACTIONS,
    join: { type: 'string', minLength: 1, maxLength: 8 },
    id: RULE_ID,
    field: POINTER,
    message: MESSAGE,
    deleteOfDeleted: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'field', 'message'],
      properties: { id: RULE_ID, field: POINTER, message: MESSAGE },
    },
  },
} as const;

/** What a row's action does (plain numbers, not an enum: the runtime copy of this file is erasable TypeScript). */
const Action = { None: 0, Create: 1, Update: 2, Delete: 3 } as const;
type Action = (typeof Action)[keyof typeof Action];

/**
 * What a kept identifier's number means: UNKNOWN, nothing known (as if not kept); n (1 to RECORD), live
 * since record n; DELETED | n, deleted by record n, with EXISTED when the file had created it (or brought
 * it back) before, so the record is known to be there, deleted, and an update brings it back.
 */
const UNKNOWN = 0;
const DELETED = 0x80000000;
const EXISTED = 0x40000000;
const RECORD = 0x3fffffff;
const recordOf = (known: number): number => known & RECORD;
const isLive = (known: number): boolean => known > UNKNOWN && (known & DELETED) === 0;
const isDeleted = (known: number): boolean => known !== -1 && (known & DELETED) !== 0;
/** A record number as kept (past RECORD, the last one that fits: only a message's "record n" would be off). */
const kept = (record: number): number => Math.min(record, RECORD);

/** Follows one file's rows, in record order (one per run: it holds the file's identifiers). */
export class RecordActions {
  private readonly keys: ((value: unknown) => unknown)[];
  private readonly actionOf: (value: unknown) => unknown;
  private readonly actions = new Map<string, Action>();
  private readonly hasher = new KeyHasher();
  private set: FingerprintSet | undefined;
  /** The lines and rows of the records whose numbers the set keeps. */
  private readonly positions = new RecordPositions();
  private readonly rule: RecordActionsRule;

  constructor(rule: RecordActionsRule) {
    this.rule = rule;
    this.keys = rule.key.map(pointerGetter);
    this.actionOf = pointerGetter(rule.action);
    const name = (a: string): string => (rule.anyCase ? a.toUpperCase() : a);
    for (const a of rule.create) this.actions.set(name(a), Action.Create);
    for (const a of rule.update ?? []) this.actions.set(name(a), Action.Update);
    for (const a of rule.delete ?? []) this.actions.set(name(a), Action.Delete);
  }

  private action(value: unknown): Action {
    const written = this.actionOf(value);
    if (typeof written !== 'string') return Action.None;
    return this.actions.get(this.rule.anyCase ? written.toUpperCase() : written) ?? Action.None;
  }

  /** The identifier's fingerprint into the hasher; false when a part is missing or empty. */
  private fingerprint(value: unknown): boolean {
    const h = this.hasher.reset();
    const { join } = this.rule;
    if (join !== undefined) {
      // One text, as the receiving system builds it: `a#b` + `c` and `a` + `b#c` are one identifier.
      let text = '';
      for (let i = 0; i < this.keys.length; i++) {
        const v = this.keys[i]!(value);
        if (!((typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean')) return false;
        text += i === 0 ? String(v) : join + String(v);
      }
      h.part(text, 1);
      return true;
    }
    for (const get of this.keys) {
      const v = get(value);
      if (typeof v === 'string' && v !== '') h.part(v, 1);
      else if (typeof v === 'number' || typeof v === 'boolean') h.part(String(v), 2);
      else return false;
    }
    return true;
  }

  /**
   * A record's findings after its own checks, with this rule's finding added when it creates an identifier
   * that is live (or, with deleteOfDeleted, deletes one the file already deleted); and what the record does
   * to its identifier, remembered when it passes. `line` is where the record starts in the file, `row` its
   * spreadsheet row (CSV; 0 when there is none): the finding is at them, and names them when a later row
   * refers back to this one.
   */
  check(value: unknown, findings: Finding[] | undefined, record: number, line: number, row = 0): Finding[] | undefined {
    if (findings?.some((f) => f.severity === 'error')) return findings;
    const action = this.action(value);
    if (action === Action.None || !this.fingerprint(value)) return findings;
    const { high, low } = this.hasher;
    const set = (this.set ??= new FingerprintSet());
    const known = set.get(high, low);
    const at: RecordPosition = { record, line, row };
    if (action === Action.Create) {
      if (isLive(known)) return [...(findings ?? []), finding(this.rule, at, `${this.earlier(known)} of this file created it, or brought it back`)];
      this.keep(set, high, low, kept(record), at);
    } else if (action === Action.Update) {
      // Back when the record is known to be there (deleted); unknown when it may never have been.
      if (isDeleted(known)) this.keep(set, high, low, (known & EXISTED) !== 0 ? kept(record) : UNKNOWN, at);
    } else if (isDeleted(known)) {
      const rule = this.rule.deleteOfDeleted;
      if (rule) return [...(findings ?? []), finding(rule, at, `${this.earlier(known)} of this file already asked to delete it`)];
    } else {
      this.keep(set, high, low, DELETED | (isLive(known) ? EXISTED : 0) | kept(record), at);
    }
    return findings;
  }

  /** Keeps what a record did to an identifier, and where the record is (in record order: positions are noted in it). */
  private keep(set: FingerprintSet, high: number, low: number, known: number, at: RecordPosition): void {
    set.put(high, low, known);
    if (known !== UNKNOWN) this.positions.note(at.record, at.line, at.row);
  }

  /** The earlier record a kept number names, where it is: "record 1 (line 2, row 2)". */
  private earlier(known: number): string {
    const record = recordOf(known);
    return whereRecord({ record, ...this.positions.at(record) });
  }
}

/** The rule's finding at a record, its message followed by which earlier record it is about ("…; record 1 (line 2) of this file …"). */
function finding(rule: FindingRule, at: RecordPosition, after: string): Finding {
  const f: Finding = { record: at.record, line: at.line, path: rule.field, rule: rule.id, message: `${rule.message}; ${after}`, severity: 'error' };
  if (at.row > 0) f.row = at.row;
  return f;
}

/** The run's follower for a version that declares record actions, else undefined. */
export function recordActions(rule: RecordActionsRule | undefined): RecordActions | undefined {
  return rule ? new RecordActions(rule) : undefined;
}
