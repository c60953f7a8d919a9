/**
 * `conform check` holds the library to the rules a publish is held to, beyond compiling: the default
 * size and complexity limits, no loop applying a schema to the same value without end (ref-cycles.ts),
 * the reference rule and safe patterns (the shared definitions' patterns too).
 */
import { budgetProblems, DEFAULT_SCHEMA_LIMITS, LIMIT_NAMES } from '../validation/schema-budget.js';
import { patternProblems, schemaPatterns } from '../validation/pattern-safety.js';
import { refCycles } from '../validation/ref-cycles.js';
import { referenceProblems } from './reference-rule.js';
import type { Library } from './library.js';

/** Time allowed to analyse one pattern in `conform check` (as at publish by default). */
const PATTERN_TIMEOUT_MS = 2_000;

export async function publishRuleProblems(library: Library, shared: ReadonlyMap<string, unknown>): Promise<{ where: string; message: string }[]> {
  const problems: { where: string; message: string }[] = [];
  for (const [id, entry] of library.shared) {
    for (const p of await patternProblems(schemaPatterns(entry.schema), PATTERN_TIMEOUT_MS))
      problems.push({ where: `${entry.file} (${id})`, message: `${p.pointer}: ${p.detail}` });
  }
  const sharedIds = new Set(shared.keys());
  for (const standard of library.standards.values()) {
    for (const version of standard.versions) {
      const where = `${version.standardId}@${version.version}`;
      for (const p of budgetProblems(version.schema, version.schemaId, shared, DEFAULT_SCHEMA_LIMITS).problems) {
        problems.push({ where, message: `${p.pointer || '/'}: ${p.detail} (${LIMIT_NAMES[p.limit].env})` });
      }
      for (const c of refCycles(version.schema, version.schemaId, shared)) problems.push({ where, message: `${c.pointer || '/'}: ${c.detail}` });
      for (const p of referenceProblems(version.schema, version.schemaId, sharedIds)) problems.push({ where, message: `${p.pointer}: ${p.detail}` });
      for (const p of await patternProblems(schemaPatterns(version.schema), PATTERN_TIMEOUT_MS)) problems.push({ where, message: `${p.pointer}: ${p.detail}` });
    }
  }
  return problems;
}
