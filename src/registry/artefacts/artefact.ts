/**
 * A shared artefact from its document: a code list (codes with labels, default flags, DQMI thresholds,
 * effective dates and sources) or a definitions set (plain JSON Schema `$defs`). Each is checked (shape,
 * then duplicate codes, thresholds on codes that are not defaults, effective dates in order, default
 * codes outside their list, `$ref` cycles) and compiled to the JSON Schema a standard reaches through
 * `$ref`: a code list becomes `enum` with `x-labels` and `x-default-codes`, the annotations the engine,
 * the scorecard and code generation already read. Every problem names the item it is about.
 */
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import semver from 'semver';
import { prereleaseProblem } from '../release-rule.js';
import type { AnySchemaObject, ErrorObject } from 'ajv';
import { describeError, documentKind } from '../../validation/schema-error-words.js';
import { canonicalJson } from '../content-hash.js';
import { followRefs, isSchemaObject } from '../../validation/schema-refs.js';
import { codeListSchema, definitionsSchema } from './document-schemas.js';
import { artefactReferences, artefactUri, type ArtefactKey } from './refs.js';

export interface ArtefactProblem {
  pointer: string;
  detail: string;
}

export class ArtefactError extends Error {
  constructor(
    message: string,
    readonly problems: ArtefactProblem[],
  ) {
    super(message);
    this.name = 'ArtefactError';
  }
}

export interface Code {
  code: string;
  label: string;
  default?: boolean;
  dqmiThreshold?: number;
  effectiveFrom?: string;
  effectiveTo?: string;
  source?: string;
}

interface Described {
  id: string;
  version: string;
  title?: string;
  description?: string;
  owner?: string;
  changelog?: string;
}

export interface CodeListDocument extends Described {
  kind: 'code-list';
  title: string;
  source?: string;
  codes: Code[];
}

export interface DefinitionsDocument extends Described {
  kind: 'definitions';
  schema: AnySchemaObject & { $defs: Record<string, unknown> };
}

export type ArtefactDocument = CodeListDocument | DefinitionsDocument;

export interface Artefact extends ArtefactKey {
  document: ArtefactDocument;
  /** The JSON Schema a standard reaches (its id in the compiler is `uri`). */
  schema: AnySchemaObject;
  uri: string;
  title: string;
  /** SHA-256 over the canonical JSON of the document. */
  contentHash: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv2020, formats: string[]) => Ajv2020;
addFormats(ajv, ['date']);
const checkCodeList = ajv.compile(codeListSchema);
const checkDefinitions = ajv.compile(definitionsSchema);

const at = (path: string): string => path || '/';

function shapeProblems(errors: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[]): ArtefactProblem[] {
  const seen = new Set<string>();
  const problems: ArtefactProblem[] = [];
  for (const e of errors) {
    const pointer =
      e.keyword === 'required'
        ? `${e.instancePath}/${String(e.params.missingProperty)}`
        : e.keyword === 'additionalProperties'
          ? `${e.instancePath}/${String(e.params.additionalProperty)}`
          : e.instancePath;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const detail = e.keyword === 'additionalProperties' ? 'is not a field of an artefact document' : describeError(e as ErrorObject);
    problems.push({ pointer: at(pointer), detail });
  }
  return problems;
}

/** Reads an artefact document (already parsed from JSON or YAML); throws ArtefactError naming each problem. */
export function parseArtefact(value: unknown): Artefact {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ArtefactError(`an artefact document must be an object (a YAML mapping of "key: value" lines), but it holds ${documentKind(value)}`, [
      { pointer: '/', detail: 'must be an object with kind, id and version' },
    ]);
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind !== 'code-list' && kind !== 'definitions') {
    throw new ArtefactError('an artefact document names its kind', [{ pointer: '/kind', detail: 'must be "code-list" or "definitions"' }]);
  }
  const check = kind === 'code-list' ? checkCodeList : checkDefinitions;
  if (!check(value)) throw new ArtefactError(`the ${kind} document is not valid`, shapeProblems((check.errors ?? []) as never));
  const document = value as ArtefactDocument;
  const prerelease = prereleaseProblem(document.version);
  if (prerelease) throw new ArtefactError(prerelease, [{ pointer: '/version', detail: prerelease }]);
  if (semver.valid(document.version) !== document.version) {
    throw new ArtefactError(`"${document.version}" is not a semantic version`, [{ pointer: '/version', detail: 'must be MAJOR.MINOR.PATCH, such as 1.0.0' }]);
  }
  const key = { kind: document.kind, id: document.id, version: document.version };
  const uri = artefactUri(key);
  const schema = document.kind === 'code-list' ? compileCodeList(document) : checkedDefinitions(document, uri);
  const title = document.title ?? (typeof schema.title === 'string' ? schema.title : document.id);
  return { ...key, document, schema, uri, title, contentHash: artefactHash(document) };
}

export function artefactHash(document: ArtefactDocument): string {
  return `sha256:${createHash('sha256').update(canonicalJson(document)).digest('hex')}`;
}

/** The code list's JSON Schema, after refusing duplicate codes, misplaced thresholds and dates out of order. */
export function compileCodeList(list: CodeListDocument): AnySchemaObject {
  const problems: ArtefactProblem[] = [];
  const first = new Map<string, number>();
  list.codes.forEach((c, i) => {
    const earlier = first.get(c.code);
    if (earlier !== undefined) problems.push({ pointer: `/codes/${i}/code`, detail: `code "${c.code}" is listed twice (also at /codes/${earlier})` });
    else first.set(c.code, i);
    if (c.dqmiThreshold !== undefined && c.default !== true) {
      problems.push({ pointer: `/codes/${i}/dqmiThreshold`, detail: `code "${c.code}" has a DQMI threshold but is not a default code (default: true)` });
    }
    if (c.effectiveFrom !== undefined && c.effectiveTo !== undefined && c.effectiveTo < c.effectiveFrom) {
      problems.push({
        pointer: `/codes/${i}/effectiveTo`,
        detail: `code "${c.code}" stops being effective (${c.effectiveTo}) before it starts (${c.effectiveFrom})`,
      });
    }
  });
  if (problems.length > 0) throw new ArtefactError(`code list ${list.id} ${list.version} is not valid: ${problems.map((p) => p.detail).join('; ')}`, problems);
  const defaults = list.codes.filter((c) => c.default === true).map((c) => c.code);
  return {
    title: list.title,
    ...(list.description ? { description: list.description } : {}),
    type: 'string',
    enum: list.codes.map((c) => c.code),
    'x-labels': Object.fromEntries(list.codes.map((c) => [c.code, c.label])),
    ...(defaults.length > 0 ? { 'x-default-codes': defaults } : {}),
  };
}

/**
 * A definitions set's schema, after refusing an `$id`, references that are neither its own (`#…`) nor an
 * artefact at an exact version, default codes outside their definition's enum, and `$ref` chains that
 * come back to themselves (a cycle with no schema in between, which no data could ever satisfy).
 */
function checkedDefinitions(document: DefinitionsDocument, uri: string): AnySchemaObject {
  const schema = document.schema;
  const problems: ArtefactProblem[] = [];
  if ('$id' in schema) problems.push({ pointer: '/schema/$id', detail: 'must not declare $id: the registry gives each version its own' });
  for (const r of artefactReferences(schema, uri)) {
    if ('problem' in r.parsed) problems.push({ pointer: `/schema${r.pointer}`, detail: `${r.ref}: ${r.parsed.problem}` });
    else if (r.ref.startsWith('conform:') && r.document === uri)
      problems.push({ pointer: `/schema${r.pointer}`, detail: `${r.ref} refers to this very version: refer to its own parts with "#/$defs/…"` });
  }
  const lookup = (id: string): unknown => (id === uri ? schema : undefined);
  for (const [name, definition] of Object.entries(schema.$defs)) {
    if (!isSchemaObject(definition)) continue;
    const codes = definition['x-default-codes'];
    if (Array.isArray(definition.enum) && Array.isArray(codes)) {
      const listed = new Set(definition.enum.map((v) => canonicalJson(v)));
      for (const code of codes) {
        if (!listed.has(canonicalJson(code)))
          problems.push({ pointer: `/schema/$defs/${name}/x-default-codes`, detail: `default code ${JSON.stringify(code)} of ${name} is not in its enum` });
      }
    }
    const followed = followRefs(definition, uri, lookup);
    if (!followed.ok && /loops/.test(followed.reason)) {
      problems.push({ pointer: `/schema/$defs/${name}`, detail: `definition ${name} is a cycle of $refs with no schema in between (${followed.reason})` });
    }
  }
  if (problems.length > 0)
    throw new ArtefactError(`definitions ${document.id} ${document.version} are not valid: ${problems.map((p) => p.detail).join('; ')}`, problems);
  return schema;
}
