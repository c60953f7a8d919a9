/**
 * `conform check`: every declared default code (`x-default-codes`) is a value its field accepts. A code the
 * field refuses (a typo, a code outside the field's list, a spelling its format refuses) can never be
 * counted, so the scorecard's defaults dimension would silently measure nothing for that field. Proved with
 * the engine itself: each code is put in the field of a copy of the version's first valid example, and must
 * give no error at that field.
 */
import { qualityPlan, type QualityDeclarations } from '../quality/plan.js';
import { shownPath, validateValue } from '../validation/validate.js';
import type { Library, LibraryVersion } from './library.js';
import type { VersionExample } from './examples.js';

/** A copy of `record` with `value` at `segments`, or undefined when the path goes through a non-object. */
function withValue(record: unknown, segments: readonly string[], value: unknown): unknown {
  const copy = structuredClone(record) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const [i, segment] of segments.entries()) {
    if (i === segments.length - 1) {
      node[segment] = value;
      return copy;
    }
    const next = node[segment] ?? {};
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return undefined;
    node[segment] = next;
    node = next as Record<string, unknown>;
  }
  return undefined;
}

export function defaultCodeProblems(
  library: Library,
  version: LibraryVersion,
  declared: QualityDeclarations,
  valid: readonly VersionExample[],
): { where: string; message: string }[] {
  const example = valid[0]?.record;
  if (example === null || typeof example !== 'object') return [];
  const where = `${version.standardId}@${version.version}`;
  const plan = qualityPlan(library.validators.ajv, version.schema, version.schemaId, declared, new Date());
  const problems: { where: string; message: string }[] = [];
  for (const field of plan.fields) {
    for (const code of field.defaultCodes) {
      const record = withValue(example, field.segments, code);
      if (record === undefined) continue;
      const refused = validateValue(version.compiled, record).filter((f) => f.severity === 'error' && f.path === shownPath(field.pointer));
      if (refused.length > 0)
        problems.push({
          where,
          message: `${field.pointer}: default code ${JSON.stringify(code)} is not a value the field accepts (${refused.map((f) => f.rule).join(', ')}), so it could never be counted`,
        });
    }
  }
  return problems;
}
