/**
 * `x-record-actions`: a file whose rows act on records named by an identifier (create, update or delete
 * the record whose key the row carries), as the national immunisation batch file does with ACTION_FLAG
 * and UNIQUE_ID_URI#UNIQUE_ID. Declared on a version's record schema; the engine follows, in record
 * order, what the file itself does to each identifier, and a create of an identifier that is live at
 * that point of the file (created, or brought back, by an earlier row of the same file and not deleted
 * since) is an error finding on that row: a receiving system that keeps one record per identifier
 * refuses it (the national pipeline answers 422 "… is duplicated").
 *
 * Which earlier rows count: only rows that pass, since a row with an error does nothing in the receiving
 * system (it is refused before it is stored), and a row refused as a duplicate creates nothing either.
 * The check is made only for a row with no other error, as the pipeline reaches it only after its field
 * checks. What the file does to an identifier it did not create is not known (the record may or may not
 * exist already), so the rules are: a create makes the identifier live (from unknown, or from deleted:
 * a create after a delete brings the record back); an update of an identifier the file deleted brings
 * it back; a delete of a live identifier makes it deleted; nothing else changes what is known. Actions
 * are compared as written, or in any case with `anyCase`.
 *
 * Memory is bounded: identifiers are kept as 64-bit fingerprints (fingerprints.ts), about 13 bytes each,
 * so a million-row file needs some 24 MiB at most; past 4 million identifiers later new ones are not
 * remembered (a create of one of them is not checked). The finding names the fields, never their values.
 */
import { FingerprintSet, KeyHasher } from './fingerprints.js';
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
  /** The finding's rule id, the field it is reported at, and its message (never a value). */
  id: string;
  field: string;
  message: string;
}

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' } as const;
const ACTIONS = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;

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
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    field: POINTER,
    message: { type: 'string', minLength: 1 },
  },
} as const;

const enum Action {
  None,
  Create,
  Update,
  Delete,
}

/** What a kept identifier's number means: 0, deleted by the file; n > 0, live since record n. */
const DELETED = 0;

/** Follows one file's rows, in record order (one per run: it holds the file's identifiers). */
export class RecordActions {
  private readonly keys: ((value: unknown) => unknown)[];
  private readonly actionOf: (value: unknown) => unknown;
  private readonly actions = new Map<string, Action>();
  private readonly hasher = new KeyHasher();
  private set: FingerprintSet | undefined;

  constructor(private readonly rule: RecordActionsRule) {
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
   * that is live; and what the record does to its identifier, remembered when it passes.
   */
  check(value: unknown, findings: Finding[] | undefined, record: number, line: number): Finding[] | undefined {
    if (findings?.some((f) => f.severity === 'error')) return findings;
    const action = this.action(value);
    if (action === Action.None || !this.fingerprint(value)) return findings;
    const { high, low } = this.hasher;
    const set = (this.set ??= new FingerprintSet());
    const known = set.get(high, low);
    if (action === Action.Create) {
      if (known > DELETED) return [...(findings ?? []), this.finding(record, line, known)];
      set.put(high, low, record);
    } else if (action === Action.Update) {
      if (known === DELETED) set.put(high, low, record);
    } else if (known > DELETED) set.put(high, low, DELETED);
    return findings;
  }

  private finding(record: number, line: number, since: number): Finding {
    const { rule } = this;
    return {
      record,
      line,
      path: rule.field,
      rule: rule.id,
      message: `${rule.message} (record ${since} of this file created it, or brought it back)`,
      severity: 'error',
    };
  }
}

/** The run's follower for a version that declares record actions, else undefined. */
export function recordActions(rule: RecordActionsRule | undefined): RecordActions | undefined {
  return rule ? new RecordActions(rule) : undefined;
}
