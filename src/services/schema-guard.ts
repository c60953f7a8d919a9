/**
 * What a candidate schema must pass before it is accepted, beyond being a schema: the static limits
 * (validation/schema-budget.ts) and the reference rule (registry/reference-rule.ts), checked on this
 * thread in linear time before anything compiles it; then its patterns (validation/pattern-safety.ts)
 * and its compilation, on a worker thread within the compile time budget (validation/candidate.ts).
 * Each refusal is a `rejected` DomainError (422) naming every problem with its pointer.
 */
import type { AnySchemaObject } from 'ajv';
import { budgetProblems, DEFAULT_SCHEMA_LIMITS, LIMIT_NAMES, type SchemaLimits } from '../validation/schema-budget.js';
import type { Validators } from '../validation/validators.js';
import { DEFAULT_MAX_WAITING_CHECKS } from '../validation/candidate.js';
import { DEFAULT_COMPARE_TIMEOUT_MS, DEFAULT_MAX_WAITING_COMPARISONS } from '../registry/diff/compare-off-thread.js';
import { loneSurrogateKeys } from '../validation/lone-surrogates.js';
import { refCycles } from '../validation/ref-cycles.js';
import { escapeSegment } from '../validation/pointer.js';
import { strictAdvice } from '../validation/schema-error-words.js';
import { referenceProblems } from '../registry/reference-rule.js';
import { DomainError } from './errors.js';

export interface SchemaGuard {
  limits: SchemaLimits;
  /** Time allowed to analyse a candidate's patterns and compile it (from the build; see candidate.ts). */
  compileTimeoutMs: number;
  /** Time allowed to analyse one pattern. */
  patternTimeoutMs: number;
  /** Checks that may wait behind the running one (they run one at a time); a publish past that is a 503 with Retry-After. */
  maxWaitingChecks: number;
  /** Time allowed for one comparison of two versions (from the build; services/comparisons.ts). */
  compareTimeoutMs: number;
  /** Public comparisons (changes) that may wait behind the running one (they run one at a time); past that a 503 with Retry-After. */
  maxWaitingComparisons: number;
  /** Publishes' comparisons that may wait behind the running one, in a lane of their own; past that a 503 with Retry-After. */
  maxWaitingPublishComparisons: number;
  /**
   * A new artefact version's adoptions judged (each a diff of a standard's whole latest version, in the
   * publish lane) in one publish; past it an adoption is listed not judged (services/artefact-adoption.ts).
   */
  maxJudgedAdoptions: number;
  /** Standards a new artefact version's publish reads the latest version of (to find its adoptions); past it they are counted, not read. */
  maxAdoptionReads: number;
}

export const DEFAULT_SCHEMA_GUARD: Readonly<SchemaGuard> = {
  limits: DEFAULT_SCHEMA_LIMITS,
  compileTimeoutMs: 5_000,
  patternTimeoutMs: 2_000,
  maxWaitingChecks: DEFAULT_MAX_WAITING_CHECKS,
  compareTimeoutMs: DEFAULT_COMPARE_TIMEOUT_MS,
  maxWaitingComparisons: DEFAULT_MAX_WAITING_COMPARISONS,
  maxWaitingPublishComparisons: DEFAULT_MAX_WAITING_COMPARISONS,
  maxJudgedAdoptions: 10,
  maxAdoptionReads: 50,
};

/** Seconds a publish refused while the registry checks as many schemas as it queues is told to wait. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** The static limits and the reference rule; throws `rejected` naming each problem. */
export function checkShape(schema: AnySchemaObject, schemaId: string, shared: ReadonlyMap<string, unknown>, guard: SchemaGuard): void {
  checkBudget(schema, schemaId, shared, guard);
  const references = referenceProblems(schema, schemaId, new Set(shared.keys()));
  if (references.length > 0) {
    throw new DomainError(
      'rejected',
      `the schema refers to something other than itself and the shared definitions: ${listed(references.map((r) => (r.ref === undefined ? `$id at ${r.pointer}` : `${r.ref} at ${r.pointer}`)))}`,
      references.map(({ pointer, detail }) => ({ pointer, detail })),
    );
  }
}

/**
 * The static limits alone (size, depth, enum values, branches), then loops that would apply it to the same
 * value without end, then its names: linear, before anything else reads the schema.
 */
export function checkBudget(schema: AnySchemaObject, schemaId: string, shared: ReadonlyMap<string, unknown>, guard: SchemaGuard): void {
  const { problems } = budgetProblems(schema, schemaId, shared, guard.limits);
  if (problems.length > 0) {
    const names = [...new Set(problems.map((p) => `${LIMIT_NAMES[p.limit].name} (at most ${p.max})`))];
    throw new DomainError(
      'rejected',
      `the schema is larger or more complex than the registry accepts: ${names.join(', ')}`,
      problems.map((p) => ({ pointer: p.pointer, detail: p.detail, limit: LIMIT_NAMES[p.limit].name, max: p.max, value: p.value })),
    );
  }
  checkLoops(schema, schemaId, shared);
  checkKeys(schema);
}

/** A loop of `$ref`s and in-place applicators with no field between (validation/ref-cycles.ts). */
function checkLoops(schema: AnySchemaObject, schemaId: string, shared: ReadonlyMap<string, unknown>): void {
  const cycles = refCycles(schema, schemaId, shared);
  if (cycles.length === 0) return;
  throw new DomainError(
    'rejected',
    `the schema applies itself to the same value without end: ${listed(
      cycles.map((c) => c.loop),
      1,
    )}`,
    cycles.map(({ pointer, detail }) => ({ pointer, detail })),
  );
}

const LONE_SURROGATE_KEY =
  'holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character: no record written as UTF-8 can have it; escape a character beyond U+FFFF as a pair';

/**
 * Names only of characters: a key with a lone surrogate (`"\ud800"`) is refused, each named by its pointer
 * (the surrogate shown as `\ud800`), as no UTF-8 record could have such a field and the schema compiler
 * cannot make a URI of it (it threw "URI malformed").
 */
function checkKeys(schema: AnySchemaObject): void {
  const { pointers, count } = loneSurrogateKeys(schema);
  if (count === 0) return;
  const which = count === 1 ? 'a name' : `${count} names`;
  throw new DomainError(
    'rejected',
    `the schema has ${which} that ${count === 1 ? 'holds' : 'hold'} an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character: ${listed(pointers)}`,
    pointers.map((pointer) => ({ pointer, detail: `the name ${LONE_SURROGATE_KEY}` })),
  );
}

/** Patterns and compilation, within the time budget; throws `rejected`. */
/** `eachDefinition`: a definitions set, each of whose definitions is compiled on its own too (candidate.ts). */
export async function checkCompiles(
  validators: Validators,
  schemaId: string,
  schema: AnySchemaObject,
  guard: SchemaGuard,
  eachDefinition = false,
): Promise<void> {
  const result = await validators.check(schemaId, schema, {
    timeoutMs: guard.compileTimeoutMs,
    patternTimeoutMs: guard.patternTimeoutMs,
    maxWaiting: guard.maxWaitingChecks,
    eachDefinition,
  });
  switch (result.kind) {
    case 'ok':
      return;
    case 'patterns':
      throw new DomainError(
        'rejected',
        'the schema has patterns that could stall validation (super-linear regular expressions)',
        result.problems.map((p) => ({ ...p })),
      );
    case 'compile': {
      const detail = result.message + strictAdvice(result.message);
      const pointer = compilePointer(result.message);
      throw new DomainError('rejected', `the schema does not compile in strict mode: ${detail}`, [{ ...(pointer === undefined ? {} : { pointer }), detail }]);
    }
    case 'timeout': {
      const detail = `checking the schema took longer than the compile time budget of ${result.ms} ms (it was ${result.phase}); simplify it`;
      throw new DomainError('rejected', detail, [{ detail, limit: 'compile time budget', max: result.ms }]);
    }
    case 'failed': {
      const detail = `the schema could not be checked: the compile worker ${result.message}; simplify it`;
      throw new DomainError('rejected', detail, [{ detail }]);
    }
    case 'busy':
      throw checksBusy(result.max);
  }
}

/**
 * The schema check queue was full (nothing about this schema: the registry checks one at a time and as many
 * wait as it allows): a 503 with Retry-After, as the request did nothing.
 */
export function checksBusy(max: number): DomainError {
  return new DomainError(
    'unavailable',
    `the registry is already checking ${max} schemas, one at a time, as many as it queues; nothing was done: try again shortly`,
    [],
    BUSY_RETRY_AFTER_SECONDS,
  );
}

/**
 * Where a compile error is, when Ajv's message names it: a keyword's value of the wrong shape
 * (`keyword "x-csv" value is invalid at path "#/properties/x": …`, the keyword at that schema path), a
 * schema against the meta-schema (`schema is invalid: data/properties/x/maxLength must be >= 0`, the
 * first place named), or a rule of strict mode's that names the schema it is about (`required property "b"
 * is not defined at "…#/then" (strictRequired)`: that schema's `required`; `missing type "number" for keyword
 * "minimum" at "…#/properties/a"`, a tuple's `at path "#/…"`: that schema). An unknown keyword names no place.
 */
export function compilePointer(message: string): string | undefined {
  const keyword = /^keyword "([^"]+)" value is invalid at path "#([^"]*)"/.exec(message);
  if (keyword) return decoded(keyword[2]!, `/${escapeSegment(keyword[1]!)}`);
  const meta = /^schema is invalid: data(\/\S*)? /.exec(message);
  if (meta) return meta[1] ?? '';
  const strict = /^strict mode: .* at (?:path )?"[^"#]*#([^"]*)"(?: \((strict\w+)\))?$/.exec(message);
  return strict ? decoded(strict[1]!, strict[2] === 'strictRequired' ? '/required' : '') : undefined;
}

function decoded(path: string, suffix: string): string | undefined {
  try {
    return `${decodeURIComponent(path)}${suffix}`;
  } catch {
    return undefined;
  }
}

/** The first few of a list, and how many more. */
function listed(items: string[], shown = 3): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
