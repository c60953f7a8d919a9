/**
 * Compatibility of two versions of an artefact, change by change, with the same vocabulary and rules as
 * standards (diff/): compiled to JSON Schema, a code removed is `enum-value-removed` (breaks suppliers: a
 * new MAJOR), a code added is `enum-value-added` (MINOR), a label or default flag is an annotation
 * (PATCH). A code list's effective dates, thresholds and sources are annotations too. A definitions set is
 * compared definition by definition: one removed or narrowed is MAJOR, one added or widened MINOR.
 * Artefacts are always judged under BACKWARD: the standards that use them are what they must not break.
 */
import semver from 'semver';
import { canonicalJson } from '../content-hash.js';
import { checkVersionBump, requiredBump, type Bump, type VersionProblem } from '../diff/compatibility.js';
import { diffSchemas } from '../diff/diff.js';
import type { PatternGate } from '../diff/pattern-runs.js';
import type { Change } from '../diff/types.js';
import type { Artefact, Code, CodeListDocument } from './artefact.js';

export interface ArtefactComparison {
  from: string;
  to: string;
  changes: Change[];
  needed: Bump;
  problems: VersionProblem[];
}

const POLICY = 'BACKWARD' as const;

function codeDetailChanges(before: CodeListDocument, after: CodeListDocument): Change[] {
  const old = new Map(before.codes.map((c) => [c.code, c]));
  const changes: Change[] = [];
  for (const code of after.codes) {
    const was = old.get(code.code);
    if (!was) continue;
    for (const field of ['effectiveFrom', 'effectiveTo', 'dqmiThreshold', 'source'] as const satisfies readonly (keyof Code)[]) {
      if (canonicalJson(was[field]) === canonicalJson(code[field])) continue;
      changes.push({
        kind: 'annotation-changed',
        path: '',
        breaksSuppliers: false,
        breaksConsumers: false,
        explanation: `${field} of code ${JSON.stringify(code.code)} changed from ${String(was[field] ?? 'none')} to ${String(code[field] ?? 'none')}; what is valid is unchanged`,
        ...(was[field] !== undefined ? { before: was[field] } : {}),
        ...(code[field] !== undefined ? { after: code[field] } : {}),
      });
    }
  }
  return changes;
}

/** The changes from `before` to `after` (two versions of one artefact). */
/**
 * `documents`: the other shared documents (artefacts a definitions set refers to), by id; `patterns`: which
 * patterns passed the pattern-safety check (the diff runs no other; diff/pattern-runs.ts).
 */
export function artefactChanges(before: Artefact, after: Artefact, documents: ReadonlyMap<string, unknown> = new Map(), patterns?: PatternGate): Change[] {
  const shared = (a: Artefact) => new Map<string, unknown>([...documents, [a.uri, a.schema]]);
  if (before.document.kind === 'code-list' && after.document.kind === 'code-list') {
    return [
      ...diffSchemas(
        { schema: { $ref: before.uri }, id: 'conform:compare/before', shared: shared(before) },
        { schema: { $ref: after.uri }, id: 'conform:compare/after', shared: shared(after) },
        patterns,
      ),
      ...codeDetailChanges(before.document, after.document),
    ];
  }
  const defsOf = (a: Artefact) => (a.schema.$defs ?? {}) as Record<string, unknown>;
  const changes: Change[] = [];
  const oldDefs = defsOf(before);
  const newDefs = defsOf(after);
  for (const name of Object.keys(oldDefs)) {
    if (!(name in newDefs)) {
      changes.push({
        kind: 'subschema-removed',
        path: `#/$defs/${name}`,
        breaksSuppliers: true,
        breaksConsumers: false,
        explanation: `definition ${name} removed: a standard referring to it would no longer resolve`,
      });
      continue;
    }
    const side = (a: Artefact) => ({
      schema: { $ref: `${a.uri}#/$defs/${name}` },
      id: `conform:compare/${a === before ? 'before' : 'after'}`,
      shared: shared(a),
    });
    changes.push(
      ...diffSchemas(side(before), side(after), patterns).map((c) => ({ ...c, path: `#/$defs/${name}${c.path}`, explanation: `${name}: ${c.explanation}` })),
    );
  }
  for (const name of Object.keys(newDefs)) {
    if (!(name in oldDefs)) {
      changes.push({
        kind: 'subschema-added',
        path: `#/$defs/${name}`,
        breaksSuppliers: false,
        breaksConsumers: true,
        explanation: `definition ${name} added`,
      });
    }
  }
  return changes;
}

/** The comparison of two versions: changes, the bump they need, and each change the bump made does not carry. */
export function compareArtefacts(before: Artefact, after: Artefact, documents?: ReadonlyMap<string, unknown>, patterns?: PatternGate): ArtefactComparison {
  const changes = artefactChanges(before, after, documents, patterns);
  const problems = semver.gt(after.version, before.version) ? checkVersionBump(before.version, after.version, changes, POLICY) : [];
  return { from: before.version, to: after.version, changes, needed: requiredBump(changes, POLICY), problems };
}
