/**
 * `diffSchemas(old, new)`: every classified difference between two versions of a standard, after
 * resolving `$ref`s (shared `_common` definitions and the version's own `$defs`). Keywords are compared
 * one by one, which is sound because a schema is the conjunction of its keywords (those that act
 * together are compared together). A change the rules cannot decide is marked undecidable and counts as
 * breaking both ways; a keyword the diff does not know is such a change whenever it differs.
 */
import { canonicalJson } from '../content-hash.js';
import { diffApplicators } from './applicators.js';
import { applicabilityChange } from './applicability.js';
import { diffArray } from './arrays.js';
import { diffBounds } from './bounds.js';
import { diffConsistency } from './consistency.js';
import { diffCsv, withoutRedundantCells } from './csv.js';
import { diffFileName } from './file-name.js';
import { diffAdvice, diffRecordActions } from './row-rules.js';
import type { DiffContext } from './context.js';
import { ANNOTATION_KEYWORDS, HANDLED_KEYWORDS, IGNORED_KEYWORDS, isObject, type SchemaObject } from './keywords.js';
import { diffObject } from './objects.js';
import { withConditionalRequirements } from './required-conditions.js';
import { readUnevaluated } from './unevaluated.js';
import { withValueChecks } from './value-checks.js';
import { Resolver, type SchemaSource, type View } from './resolve.js';
import { NO_PATTERN, PatternRuns, type PatternGate } from './pattern-runs.js';
import { isSemantic, LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, type Change, type RawChange } from './types.js';
import { diffFormat, diffPattern, diffType, diffValues } from './values.js';

const MAX_DEPTH = 64;

/** Annotations the quality scorecard reads: they change scores, never what is valid. */
const QUALITY_EFFECT: Record<string, string> = {
  'x-expected': ' (the scorecard counts the completeness of other fields; what is valid is unchanged)',
  'x-default-codes': ' (the scorecard counts other codes as defaults; what is valid is unchanged)',
  'x-applicable': ' (the scorecard counts a field as applicable to other records; what is valid is unchanged)',
};

function diffAnnotations(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const changes: RawChange[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!ANNOTATION_KEYWORDS.has(key) || canonicalJson(a[key]) === canonicalJson(b[key])) continue;
    const how = a[key] === undefined ? 'added' : b[key] === undefined ? 'removed' : 'changed';
    let what = `${key} ${how}${QUALITY_EFFECT[key] ?? ''}`;
    if (key === 'x-applicable') what += `: ${applicabilityChange(a[key], b[key])}`;
    if (key === 'x-labels' && isObject(a[key]) && isObject(b[key])) {
      const before = a[key];
      const after = b[key];
      const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((c) => before[c] !== after[c]);
      what = `labels changed for code${codes.length === 1 ? '' : 's'} ${codes.join(', ')}`;
    }
    changes.push(raw('annotation-changed', path, NO_EFFECT, what, { before: a[key], after: b[key] }));
  }
  return changes;
}

function diffUnknown(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !HANDLED_KEYWORDS.has(k) && !ANNOTATION_KEYWORDS.has(k) && !IGNORED_KEYWORDS.has(k))
    .filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]))
    .map((k) => undecidable('keyword-changed', path, `${k} changed, which the compatibility rules do not cover`, { before: a[k], after: b[k] }));
}

class Differ implements DiffContext {
  private readonly inProgress = new Set<string>();
  private depth = 0;

  constructor(
    private readonly before: Resolver,
    private readonly after: Resolver,
    readonly patterns: PatternRuns,
  ) {}

  viewOld(node: unknown): View {
    return this.before.view(node);
  }

  viewNew(node: unknown): View {
    return this.after.view(node);
  }

  same(before: unknown, after: unknown): boolean {
    return !this.sub(before, after, '').some(isSemantic);
  }

  sub(before: unknown, after: unknown, path: string): RawChange[] {
    const a = this.before.view(before);
    const b = this.after.view(after);
    if (!a.ok || !b.ok) {
      const reason = !a.ok ? `in the old version, ${a.reason}` : `in the new version, ${(b as { reason: string }).reason}`;
      return [undecidable('unresolvable', path, `the schema cannot be resolved (${reason})`)];
    }
    // A pair of definitions already being compared further out (a recursive schema): its changes are reported there.
    const key = `${this.before.identity(before)}|${this.after.identity(after)}`;
    if (key !== '|' && this.inProgress.has(key)) return [];
    if (this.depth >= MAX_DEPTH) return [undecidable('unresolvable', path, `schemas nest deeper than ${MAX_DEPTH} levels`)];
    this.inProgress.add(key);
    this.depth++;
    try {
      return this.compare(a.schema, b.schema, path);
    } finally {
      this.depth--;
      if (key !== '|') this.inProgress.delete(key);
    }
  }

  private compare(before: SchemaObject | boolean, after: SchemaObject | boolean, path: string): RawChange[] {
    if (before === false && after === false) return [];
    if (before === false) return [raw('value-allowed', path, LOOSENS, 'values are now accepted where none were')];
    if (after === false) return [raw('value-forbidden', path, TIGHTENS, 'no value is accepted any more')];
    const unevaluated = readUnevaluated(before === true ? {} : before, after === true ? {} : after);
    const [a, b] = [unevaluated.before, unevaluated.after];
    const found = [
      ...diffAnnotations(a, b, path),
      ...diffType(a, b, path),
      ...diffValues(a, b, path),
      ...diffFormat(a, b, path),
      ...diffPattern(a, b, path),
      ...diffBounds(a, b, path),
      ...diffObject(this, a, b, path),
      ...diffArray(this, a, b, path),
      ...diffApplicators(this, a, b, path),
      ...diffConsistency(a, b, path),
      ...diffFileName(a, b, path),
      ...diffCsv(this, a, b, path),
      ...diffAdvice(a, b, path),
      ...diffRecordActions(a, b, path),
      ...diffUnknown(a, b, path),
    ];
    const changes = withValueChecks(a, b, withConditionalRequirements(this, a, b, found, path), path, this.patterns);
    const all = [...changes, ...unevaluated.judge(changes, path)];
    return path === '' ? withoutRedundantCells(all) : all;
  }
}

/** What a file-name change means for files (the whole file is refused when its name breaks the convention). */
function fileNameConsequence(change: RawChange): string {
  const { breaksSuppliers, breaksConsumers } = change.effect;
  if (breaksSuppliers && breaksConsumers)
    return 'a file name the old version accepted may now be refused, and one the new version accepts may fall outside the old';
  if (breaksSuppliers) return 'a file name the old version accepted may now be refused';
  if (breaksConsumers) return 'every file name the old version accepted is still accepted; a new one may fall outside the old version';
  return 'every file name is accepted as before; only warnings change';
}

function consequence(change: RawChange): string {
  if (change.undecidable) return 'the rules cannot decide, so it counts as breaking both ways';
  if (change.kind === 'annotation-changed') return 'no effect on validation';
  if (change.kind.startsWith('file-name-')) return fileNameConsequence(change);
  const { breaksSuppliers, breaksConsumers } = change.effect;
  if (breaksSuppliers && breaksConsumers) return 'old data may be rejected, and new data may fall outside the old version';
  if (breaksSuppliers) return 'old data may now be rejected';
  if (breaksConsumers) return 'old data still valid; new data may fall outside the old version';
  return 'old and new data both still valid';
}

export function finish(change: RawChange): Change {
  const where = change.within.length > 0 ? ` (in ${change.within.join(' > ')})` : '';
  const result: Change = {
    kind: change.kind,
    path: change.path,
    breaksSuppliers: change.effect.breaksSuppliers || change.undecidable === true,
    breaksConsumers: change.effect.breaksConsumers || change.undecidable === true,
    explanation: `${change.what}${where}: ${consequence(change)}`,
  };
  if (change.undecidable) result.undecidable = true;
  if (change.before !== undefined) result.before = change.before;
  if (change.after !== undefined) result.after = change.after;
  return result;
}

/**
 * Every change from `before` to `after`, each with whom it breaks and a one-line explanation. `patterns`
 * says which patterns passed the pattern-safety check: the diff runs no other (pattern-runs.ts).
 */
export function diffSchemas(before: SchemaSource, after: SchemaSource, patterns: PatternGate = NO_PATTERN): Change[] {
  const old = new Resolver(before);
  const now = new Resolver(after);
  // The roots are compared as `$ref`s to themselves, so a `$ref: "#"` inside (a recursive schema) meets
  // the pair already being compared and stops there instead of comparing the whole record again.
  return new Differ(old, now, new PatternRuns(patterns)).sub({ $ref: `${before.id}#` }, { $ref: `${after.id}#` }, '').map(finish);
}
