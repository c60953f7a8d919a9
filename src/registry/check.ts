/**
 * `conform check`: proves the library. Every version compiles (done by loading it), every example
 * behaves as declared, published versions are unchanged (content hash), successive versions follow
 * semver under the standard's compatibility policy (diff/), versions within one MAJOR still accept the
 * earlier versions' valid examples (and, under FORWARD or FULL, the reverse), every pair the schema diff
 * calls compatible is proved so with the examples, the metadata's field pointers exist, and every version
 * keeps to the publish rules (size limits, references, safe patterns: check-rules.ts), and every declared
 * default code is a value its field accepts (check-default-codes.ts). Bundled artefacts
 * are proved too (artefacts/check-artefacts.ts): unchanged, semver, codes, and every reference resolves.
 */
import semver from 'semver';
import { shownPath, validateValue } from '../validation/validate.js';
import { fieldSchema } from '../validation/schema-walk.js';
import { pointerSegments } from '../validation/pointer.js';
import { type Library, type LibraryStandard, type LibraryVersion } from './library.js';
import { basePolicy } from './diff/compatibility.js';
import { sharedDocuments, standardEvolution, type Evolution } from './diff/evolution.js';
import { publishRuleProblems } from './check-rules.js';
import { defaultCodeProblems } from './check-default-codes.js';
import { checkArtefacts } from './artefacts/check-artefacts.js';
import { examplesFile, readExamples, type ExampleFile, type VersionExample } from './examples.js';
import { optionalNotInKey } from './standard-meta.js';

export interface CheckProblem {
  /** `standard@version` or a file. */
  where: string;
  message: string;
}

export interface CheckResult {
  problems: CheckProblem[];
  standards: number;
  versions: number;
  examples: number;
  /** Bundled artefact versions (code lists, definitions sets) and the codes checked against them. */
  artefacts: number;
  artefactExamples: number;
}

const FROZEN = new Set(['published', 'deprecated', 'retired']);

async function examplesOf(standard: LibraryStandard, version: LibraryVersion, problems: CheckProblem[]): Promise<ExampleFile> {
  const file = examplesFile(standard.dir, version.version);
  const where = `${version.standardId}@${version.version}`;
  const examples = await readExamples(standard.dir, version.version);
  if (!examples) {
    problems.push({ where, message: `has no examples file (${file})` });
    return { valid: [], invalid: [] };
  }
  if (examples.valid.length === 0) problems.push({ where, message: `${file} has no valid examples` });
  if (examples.invalid.length === 0) problems.push({ where, message: `${file} has no invalid examples` });
  return examples;
}

const key = (f: { path: string; rule: string }): string => `${f.path} ${f.rule}`;

function checkExamples(version: LibraryVersion, examples: ExampleFile, problems: CheckProblem[]): void {
  const where = `${version.standardId}@${version.version}`;
  for (const example of examples.valid) {
    const findings = validateValue(version.compiled, example.record);
    if (findings.length > 0) {
      problems.push({ where, message: `valid example "${example.name}" fails: ${findings.map(key).join('; ')}` });
    }
  }
  for (const example of examples.invalid) {
    if (!Array.isArray(example.expect) || example.expect.length === 0) {
      problems.push({ where, message: `invalid example "${example.name}" names no expected finding (expect: [{ path, rule }])` });
      continue;
    }
    const actual = new Set(validateValue(version.compiled, example.record).map(key));
    // An expected path is compared as findings give it: cut to its bound (a long key's path ends in "…").
    const expected = new Set(example.expect.map((e) => key({ path: typeof e.path === 'string' ? shownPath(e.path) : e.path, rule: e.rule })));
    const missing = [...expected].filter((k) => !actual.has(k));
    const extra = [...actual].filter((k) => !expected.has(k));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [missing.length ? `expected but not found: ${missing.join('; ')}` : '', extra.length ? `found but not expected: ${extra.join('; ')}` : ''];
      problems.push({ where, message: `invalid example "${example.name}": ${parts.filter(Boolean).join('; ')}` });
    }
  }
}

function checkHash(version: LibraryVersion, problems: CheckProblem[]): void {
  const where = `${version.standardId}@${version.version}`;
  const recorded = version.meta.contentHash;
  if (!FROZEN.has(version.meta.status)) return;
  if (!recorded) {
    problems.push({ where, message: `is ${version.meta.status} but has no contentHash recorded; run \`conform check --record-hashes\`` });
  } else if (recorded !== version.contentHash) {
    problems.push({
      where,
      message: `is ${version.meta.status} and has changed since it was published (recorded ${recorded}, now ${version.contentHash}); published versions never change: restore ${version.file} (or the shared definitions it uses) and publish the change as a new version`,
    });
  }
}

function checkPointers(library: Library, standard: LibraryStandard, problems: CheckProblem[]): void {
  const { meta } = standard;
  const latest = standard.versions.at(-1);
  if (!latest) return;
  const exists = (v: LibraryVersion, pointer: string): boolean =>
    fieldSchema(library.validators.ajv, v.schema, v.schemaId, pointerSegments(pointer)) !== undefined;
  const dates = [['eventDate', meta.eventDate], ...(meta.episodeEndDate ? [['episodeEndDate', meta.episodeEndDate]] : [])] as const;
  for (const [label, pointer] of [...meta.recordKey.map((p) => ['recordKey', p] as const), ...dates]) {
    if (!exists(latest, pointer)) problems.push({ where: meta.id, message: `${label} ${pointer} is not a field of ${latest.version}` });
  }
  for (const { detail } of optionalNotInKey(meta)) problems.push({ where: meta.id, message: `recordKeyOptional: ${detail}` });
  for (const pointer of Object.keys(meta.quality?.defaultThresholds ?? {})) {
    if (!exists(latest, pointer))
      problems.push({ where: meta.id, message: `quality.defaultThresholds names ${pointer}, which is not a field of ${latest.version}` });
  }
  for (const pointer of meta.sensitiveFields) {
    if (!standard.versions.some((v) => exists(v, pointer)))
      problems.push({ where: meta.id, message: `sensitive field ${pointer} is not a field of any version` });
  }
}

/**
 * Proves compatibility with data. Within one MAJOR, a later version must accept the earlier one's valid
 * examples under BACKWARD or FULL (and the earlier must accept the later's under FORWARD or FULL). Any
 * pair the schema diff finds compatible must pass the same test, whatever the policy: this cross-checks
 * the diff itself.
 */
function checkWithExamples(
  standard: LibraryStandard,
  evolution: Evolution,
  earlier: LibraryVersion,
  later: LibraryVersion,
  validByVersion: ReadonlyMap<string, VersionExample[]>,
  problems: CheckProblem[],
): void {
  const policy = basePolicy(standard.meta.compatibility);
  const sameMajor = semver.major(earlier.version) === semver.major(later.version);
  const { changes } = evolution.between(earlier, later);
  const backwardByDiff = !changes.some((c) => c.breaksSuppliers);
  const forwardByDiff = !changes.some((c) => c.breaksConsumers);
  const directions = [
    { from: earlier, to: later, byPolicy: sameMajor && (policy === 'BACKWARD' || policy === 'FULL'), byDiff: backwardByDiff, whom: 'suppliers' },
    { from: later, to: earlier, byPolicy: sameMajor && (policy === 'FORWARD' || policy === 'FULL'), byDiff: forwardByDiff, whom: 'consumers' },
  ];
  for (const { from, to, byPolicy, byDiff, whom } of directions) {
    if (!byPolicy && !byDiff) continue;
    for (const example of validByVersion.get(from.version) ?? []) {
      // A warning (x-advice, a rule of severity warning) never rejects a record: a later version may add one.
      const findings = validateValue(to.compiled, example.record).filter((f) => f.severity === 'error');
      if (findings.length === 0) continue;
      const consequence = byDiff
        ? `although the schema diff found no change between ${earlier.version} and ${later.version} that breaks ${whom}: the diff missed a change`
        : `so it breaks ${whom} and needs a new MAJOR version`;
      problems.push({
        where: `${standard.meta.id}@${to.version}`,
        message: `rejects valid example "${example.name}" of ${from.version} (${findings.map(key).join('; ')}), ${consequence}`,
      });
    }
  }
}

export async function checkLibrary(library: Library): Promise<CheckResult> {
  const problems: CheckProblem[] = [];
  const shared = sharedDocuments(library);
  let versions = 0;
  let exampleCount = 0;
  for (const standard of library.standards.values()) {
    checkPointers(library, standard, problems);
    const validByVersion = new Map<string, VersionExample[]>();
    for (const version of standard.versions) {
      versions++;
      checkHash(version, problems);
      const examples = await examplesOf(standard, version, problems);
      exampleCount += examples.valid.length + examples.invalid.length;
      checkExamples(version, examples, problems);
      problems.push(...defaultCodeProblems(library, version, standard.meta, examples.valid));
      validByVersion.set(version.version, examples.valid);
    }
    const evolution = standardEvolution(standard, shared);
    problems.push(...evolution.problems);
    for (const later of standard.versions) {
      for (const earlier of standard.versions) {
        if (semver.lt(earlier.version, later.version)) checkWithExamples(standard, evolution, earlier, later, validByVersion, problems);
      }
    }
  }
  problems.push(...(await publishRuleProblems(library, shared)));
  const artefacts = checkArtefacts(library);
  problems.push(...artefacts.problems);
  return {
    problems,
    standards: library.standards.size,
    versions,
    examples: exampleCount,
    artefacts: artefacts.artefacts,
    artefactExamples: artefacts.examples,
  };
}
