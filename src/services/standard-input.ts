/**
 * Reading what an author sends: a version's schema as JSON or YAML text, and a standard's metadata,
 * checked by the one metadata schema (the same that checks standard.yaml) and then against the fields the
 * standard's versions have, so a pointer that names no field is refused before it reaches a submission.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject } from 'ajv';
import { parseDocument, type YAMLError } from 'yaml';
import { firstDuplicateKey, shownDuplicate } from '../validation/json-duplicates.js';
import type { Ajv } from '../validation/ajv.js';
import { fieldSchema } from '../validation/schema-walk.js';
import { escapeSegment, pointerSegments } from '../validation/pointer.js';
import { optionalNotInKey, standardMetadataSchema } from '../registry/standard-meta.js';
import type { StoredStandard } from '../store/types.js';
import { DomainError } from './errors.js';
import { badFreeTextPointers, FREE_TEXT_RULE } from './free-text.js';
import { schemaErrors } from './schema-errors.js';
import { documentKind } from '../validation/schema-error-words.js';

export { checkStandardId, MAX_STANDARD_ID_LENGTH, STANDARD_ID } from './standard-ref.js';

const checkShape = new Ajv2020({ allErrors: true, strict: true }).compile(standardMetadataSchema);

/**
 * The most structural marks (`:`, `,`, `-`, brackets, line breaks) a YAML body may have. YAML is parsed on
 * the event loop, at about 30 µs a mark, so this bounds a publish's parse to a fraction of a second; the
 * largest bundled version has under 1,000. A bigger schema can be sent as JSON, which parses natively.
 */
export const MAX_YAML_MARKS = 10_000;

function yamlMarks(body: string): number {
  let marks = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    // : , - [ ] { } and line feed
    if (c === 58 || c === 44 || c === 45 || c === 91 || c === 93 || c === 123 || c === 125 || c === 10) marks++;
  }
  return marks;
}

/**
 * The deepest nesting of objects and arrays a published body may have, anywhere in it (a `default`,
 * `const`, `examples` or `enum` value included, which the schema limits do not measure). Hashing, storing,
 * comparing and showing a version read it recursively: a value nested thousands deep once made publishing
 * a 500 (and a YAML parser, which recurses too, stops at a depth that depends on the stack). A schema at
 * the nesting limit of 32 schemas is about 70 levels deep; the bundled library's deepest is 7.
 */
export const MAX_BODY_NESTING = 256;

const NESTING_DETAIL = `objects and arrays are nested more than ${MAX_BODY_NESTING} deep here; a schema or artefact may nest at most ${MAX_BODY_NESTING} levels`;
const nestedTooDeeply = (where?: string): string =>
  `the body is nested more deeply than the registry reads${where ? ` (${where})` : ''}: at most ${MAX_BODY_NESTING} levels of objects and arrays`;

/** The pointer of the first object or array nested deeper than MAX_BODY_NESTING, if any (iterative: any depth is safe). */
function overNested(root: unknown): string | undefined {
  interface Frame {
    value: object;
    depth: number;
    parent: Frame | undefined;
    key: string;
  }
  if (root === null || typeof root !== 'object') return undefined;
  const stack: Frame[] = [{ value: root, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > MAX_BODY_NESTING) {
      const keys: string[] = [];
      for (let at: Frame | undefined = frame; at?.parent; at = at.parent) keys.push(escapeSegment(at.key));
      return `/${keys.reverse().join('/')}`;
    }
    for (const [key, child] of Object.entries(frame.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child as object, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

/** Parses a schema sent as JSON or YAML (YAML 1.2 is a superset of JSON, so one parser reads both). */
export function parseSchemaText(body: string): AnySchemaObject {
  // Nothing but white space, or a byte order mark (how some editors begin a UTF-8 file) and white space.
  const bom = body.charCodeAt(0) === 0xfeff;
  if ((bom ? body.slice(1) : body).trim() === '') {
    throw new DomainError('invalid-input', `the body is empty${bom ? ' (a byte order mark and nothing else)' : ''}: send the document as JSON or YAML`);
  }
  let value: unknown = jsonValue(body);
  if (value === undefined && yamlMarks(body) > MAX_YAML_MARKS) {
    throw new DomainError(
      'too-large',
      `a YAML body may have at most ${MAX_YAML_MARKS} structural marks (keys, items, lines); send a schema this large as JSON`,
    );
  }
  if (value === undefined) value = yamlValue(body);
  const deep = overNested(value);
  if (deep !== undefined) throw new DomainError('rejected', nestedTooDeeply(), [{ pointer: deep, detail: NESTING_DETAIL }]);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DomainError(
      'rejected',
      `the body must be a JSON Schema object (a JSON object, or a YAML mapping of "key: value" lines), but it holds ${documentKind(value)}`,
    );
  }
  return value;
}

/**
 * The body as YAML. What the parser would only warn of (a tag it does not know, such as `!!js/function`,
 * read as if it were not there) is refused like an error: a schema means what it says or is not taken. The
 * parser's own warning output (to stderr, quoting the body's line) is silenced: the problem names the line
 * and column, and the body is never written anywhere.
 */
/** V8's message when the stack runs out (a RangeError). */
const STACK_EXHAUSTED = /^Maximum call stack size exceeded/;

function yamlValue(body: string): unknown {
  const document = parseDocument(body, { logLevel: 'silent' });
  const problem: YAMLError | undefined = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const at = problem.linePos?.[0];
    // The parser recurses once per level and reports running out of stack as its own error: that is
    // nesting too deep to read, not a YAML mistake, and the engine's message is no help to an author.
    if (STACK_EXHAUSTED.test(problem.message)) {
      throw new DomainError('rejected', nestedTooDeeply(at ? `line ${at.line}, column ${at.col}` : undefined));
    }
    throw new DomainError(
      'invalid-input',
      `the body is not valid JSON or YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${problem.message.split('\n')[0]}`,
    );
  }
  try {
    return document.toJS();
  } catch (error) {
    // Building the value follows aliases: one to an anchor not yet set, or so many that the value would be
    // huge (a "billion laughs" body), is a ReferenceError; it was once a 500.
    if (error instanceof RangeError && STACK_EXHAUSTED.test(error.message)) throw new DomainError('rejected', nestedTooDeeply());
    if (!(error instanceof ReferenceError)) throw error;
    throw new DomainError('invalid-input', `the body is not valid YAML: its aliases cannot be read (${error.message.split('\n')[0]})`);
  }
}

/**
 * The body as JSON, when it is JSON (tried first: JSON.parse reads a large schema in milliseconds, the
 * YAML parser takes seconds); undefined otherwise.
 */
function jsonValue(body: string): unknown {
  if (!/^\s*[{[]/.test(body)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
  const repeated = firstDuplicateKey(body);
  if (repeated) {
    const { key, pointer } = shownDuplicate(repeated);
    const detail = `has the key ${key} twice in one object: JSON keeps only the last, so give each key once`;
    throw new DomainError('invalid-input', `the body ${detail} (at ${pointer})`, [{ pointer, detail }]);
  }
  return value;
}

/** Every field pointer the metadata declares, with where it is declared. */
function declaredPointers(metadata: Record<string, unknown>): { at: string; pointer: string }[] {
  const out: { at: string; pointer: string }[] = [];
  (metadata.recordKey as string[] | undefined)?.forEach((p, i) => out.push({ at: `/recordKey/${i}`, pointer: p }));
  (metadata.recordKeyOptional as string[] | undefined)?.forEach((p, i) => out.push({ at: `/recordKeyOptional/${i}`, pointer: p }));
  if (typeof metadata.eventDate === 'string') out.push({ at: '/eventDate', pointer: metadata.eventDate });
  if (typeof metadata.episodeEndDate === 'string') out.push({ at: '/episodeEndDate', pointer: metadata.episodeEndDate });
  (metadata.sensitiveFields as string[] | undefined)?.forEach((p, i) => out.push({ at: `/sensitiveFields/${i}`, pointer: p }));
  const thresholds = (metadata.quality as { defaultThresholds?: Record<string, number> } | undefined)?.defaultThresholds ?? {};
  for (const p of Object.keys(thresholds)) out.push({ at: `/quality/defaultThresholds/${escapeSegment(p)}`, pointer: p });
  return out;
}

/**
 * The metadata of standard `id` from a request body. `versions` are the standard's versions: each
 * pointer must name a field of at least one of them (a standard without versions yet is not checked).
 */
export function checkMetadata(
  ajv: Ajv,
  id: string,
  body: unknown,
  versions: readonly { schema: AnySchemaObject; schemaId: string }[],
): Omit<StoredStandard, 'createdAt' | 'updatedAt'> {
  if (!checkShape(body))
    throw new DomainError('rejected', 'the standard metadata is not valid', schemaErrors(checkShape.errors ?? [], body, standardMetadataSchema));
  const uncontrolled = badFreeTextPointers(body);
  if (uncontrolled.length > 0) {
    throw new DomainError(
      'rejected',
      'the standard metadata is not valid',
      uncontrolled.map((pointer) => ({ pointer, detail: FREE_TEXT_RULE })),
    );
  }
  const { title, owner, description, ...metadata } = body as { title: string; owner: string; description: string } & Record<string, unknown>;
  const notInKey = optionalNotInKey(metadata);
  if (notInKey.length > 0) throw new DomainError('rejected', 'the standard metadata is not valid', notInKey);
  if (versions.length > 0) {
    const unknown = declaredPointers(metadata).filter(
      ({ pointer }) => !versions.some((v) => fieldSchema(ajv, v.schema, v.schemaId, pointerSegments(pointer)) !== undefined),
    );
    if (unknown.length > 0) {
      throw new DomainError(
        'rejected',
        "the standard metadata names fields that none of the standard's current versions has (the latest released version of each major)",
        unknown.map(({ at, pointer }) => ({ pointer: at, detail: `${pointer} is not a field of the latest released version of any major of ${id}` })),
      );
    }
  }
  return { id, title, owner, description, metadata: { compatibility: 'BACKWARD', ...metadata } };
}
