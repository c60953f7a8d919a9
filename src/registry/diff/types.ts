/**
 * The vocabulary of schema diffs: one `Change` per classified difference between two versions, with
 * whom it breaks. Suppliers are broken when data valid under the old version is rejected by the new;
 * consumers are broken when data valid under the new version falls outside the old.
 */

export const CHANGE_KINDS = [
  // objects
  'property-added',
  'property-removed',
  'required-added',
  'required-removed',
  'additional-properties-closed',
  'additional-properties-opened',
  'dependent-required-added',
  'dependent-required-removed',
  'min-properties-increased',
  'min-properties-decreased',
  'max-properties-decreased',
  'max-properties-increased',
  // any value
  'type-narrowed',
  'type-widened',
  'type-changed',
  'enum-value-added',
  'enum-value-removed',
  'enum-added',
  'enum-removed',
  'const-added',
  'const-removed',
  'const-changed',
  'value-forbidden',
  'value-allowed',
  // strings
  'min-length-increased',
  'min-length-decreased',
  'max-length-decreased',
  'max-length-increased',
  'pattern-added',
  'pattern-removed',
  'pattern-changed',
  'format-added',
  'format-removed',
  'format-changed',
  'format-narrowed',
  'format-widened',
  // numbers
  'minimum-increased',
  'minimum-decreased',
  'maximum-decreased',
  'maximum-increased',
  'multiple-of-tightened',
  'multiple-of-loosened',
  'multiple-of-changed',
  // arrays
  'min-items-increased',
  'min-items-decreased',
  'max-items-decreased',
  'max-items-increased',
  'unique-items-added',
  'unique-items-removed',
  'min-contains-increased',
  'min-contains-decreased',
  'max-contains-decreased',
  'max-contains-increased',
  // subschemas (allOf, anyOf, not, then, else, contains, propertyNames, dependentSchemas)
  'subschema-added',
  'subschema-removed',
  'any-of-option-added',
  'any-of-option-removed',
  'conditional-changed',
  // Conform keywords
  'consistency-rule-added',
  'consistency-rule-removed',
  'consistency-rule-changed',
  'file-name-added',
  'file-name-removed',
  'file-name-widened',
  'file-name-narrowed',
  'file-name-changed',
  'file-name-codes-changed',
  'csv-dialect-changed',
  'csv-columns-changed',
  'csv-cells-changed',
  'advice-added',
  'advice-removed',
  'advice-changed',
  'record-actions-added',
  'record-actions-removed',
  'record-actions-changed',
  'annotation-changed',
  // what the rules cannot decide
  'keyword-changed',
  'unresolvable',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  kind: ChangeKind;
  /** JSON pointer into the record (`''` is the record itself); array items are `/items`, other fields `/*`. */
  path: string;
  /** Data valid under the old version may be rejected by the new one. */
  breaksSuppliers: boolean;
  /** Data valid under the new version may fall outside the old one. */
  breaksConsumers: boolean;
  /** The rules cannot tell; the change is treated as breaking both ways. */
  undecidable?: boolean;
  /** One line: what changed, where, and what it means for data. */
  explanation: string;
  /** Schema values only (codes, limits, patterns, text), never data. */
  before?: unknown;
  after?: unknown;
}

/** Whom a change breaks. */
export interface Effect {
  breaksSuppliers: boolean;
  breaksConsumers: boolean;
}

export const NO_EFFECT: Effect = { breaksSuppliers: false, breaksConsumers: false };
/** The new version accepts less: old data may be rejected. */
export const TIGHTENS: Effect = { breaksSuppliers: true, breaksConsumers: false };
/** The new version accepts more: new data may fall outside the old. */
export const LOOSENS: Effect = { breaksSuppliers: false, breaksConsumers: true };
export const BOTH: Effect = { breaksSuppliers: true, breaksConsumers: true };

/**
 * A change while the diff is being built: `what` says what changed; the explanation adds where
 * (`within`, e.g. `allOf[1] > then`) and the consequence, once the effect is final (`not` flips it).
 */
export interface RawChange {
  kind: ChangeKind;
  path: string;
  effect: Effect;
  what: string;
  within: string[];
  undecidable?: boolean;
  /** A field a schema lists, or no longer lists, without changing what it accepts there (unevaluated.ts reads it). */
  listing?: boolean;
  before?: unknown;
  after?: unknown;
}

export function raw(
  kind: ChangeKind,
  path: string,
  effect: Effect,
  what: string,
  extra: Partial<Pick<RawChange, 'undecidable' | 'listing' | 'before' | 'after'>> = {},
): RawChange {
  const change: RawChange = { kind, path, effect, what, within: [] };
  if (extra.undecidable) change.undecidable = true;
  if (extra.listing) change.listing = true;
  if ('before' in extra && extra.before !== undefined) change.before = extra.before;
  if ('after' in extra && extra.after !== undefined) change.after = extra.after;
  return change;
}

/** An undecidable change: breaking both ways. */
export function undecidable(kind: ChangeKind, path: string, what: string, extra: Partial<Pick<RawChange, 'before' | 'after'>> = {}): RawChange {
  return raw(kind, path, BOTH, what, { ...extra, undecidable: true });
}

export function within(label: string, changes: RawChange[]): RawChange[] {
  return changes.map((c) => ({ ...c, within: [label, ...c.within] }));
}

export function isSemantic(change: { kind: ChangeKind }): boolean {
  return change.kind !== 'annotation-changed';
}
