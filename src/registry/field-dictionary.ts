/**
 * The field dictionary of a version, from its schema: name, type, use, format, description, codes with
 * labels. Nested objects and the items of arrays are listed too (`address.postcode`, `children[].label`).
 * A field that repeats an enclosing structure (a recursive schema) is listed once, with a note naming
 * that structure, and not expanded again (validation/field-walk.ts). A field whose `$ref` names a registry
 * artefact carries it, so pages link to that code list or definitions set version: written as its
 * `conform:` URI (`conform:code-lists/<id>/<version>`) or, given `artefactOf`, as a library `_common` file
 * that is an artefact (`../_common/identifiers.yaml#/$defs/nhsNumber` is the definitions set `identifiers`).
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { walkFields, type FieldVisit } from '../validation/field-walk.js';
import { deref, schemaLookup } from '../validation/schema-walk.js';
import { applicability, applicabilityText, displayName } from '../quality/applicability.js';
import { conditionalRequirements } from './conditional-required.js';
import { refTarget } from '../validation/schema-refs.js';
import { parseArtefactUri } from './artefacts/refs.js';
import type { DocumentArtefact } from './artefacts/usage.js';

export interface FieldEntry {
  name: string;
  pointer: string;
  type: string;
  use: 'Required' | 'Expected' | 'Optional';
  format: string;
  description: string;
  codes: { code: string; label: string; isDefault: boolean }[];
  sensitive: boolean;
  /** For a recursive field: the pointer of the enclosing field whose structure it repeats ('' for the record). */
  recursiveOf?: string;
  /**
   * When the field applies (`x-applicable`), in words: "eventType is Assessment, Service or Review", and
   * "ACTION_FLAG is NEW or UPDATE (in any case)" for a condition with `anyCase`.
   */
  appliesWhen?: string;
  /**
   * For a field not always required: when a conditional rule requires it, in words (conditional-required.ts):
   * "when ACTION_FLAG is NEW or UPDATE", "unless clientType is Carer known by association".
   */
  requiredWhen?: string;
  /** The registry code list (or definitions set) the field's `$ref` names, at its exact version. */
  artefact?: { kind: 'code-list' | 'definitions'; id: string; version: string };
}

function typeOf(s: AnySchemaObject): string {
  if (Array.isArray(s.enum)) return 'code';
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return typeof s.type === 'string' ? s.type : 'any';
}

export function recursionNote(pointer: string): string {
  return `Recursive: same structure as ${pointer === '' ? 'the whole record' : pointer}.`;
}

/** The artefact version a field's own `$ref` names, if any. */
function artefactNamed(field: FieldVisit, artefactOf: DocumentArtefact | undefined): FieldEntry['artefact'] {
  const ref: unknown = field.own.$ref;
  if (typeof ref !== 'string') return undefined;
  let document: string;
  try {
    document = refTarget(ref, field.base).document;
  } catch {
    return undefined; // not a URI reference
  }
  const parsed = parseArtefactUri(artefactOf?.(document) ?? document);
  return parsed && 'key' in parsed ? parsed.key : undefined;
}

function entry(field: FieldVisit, sensitive: readonly string[], artefactOf: DocumentArtefact | undefined): FieldEntry {
  const { own, schema: resolved, pointer } = field;
  // Keywords written beside a $ref (an enum narrowing a shared code, a description) apply too.
  const { $ref: _ref, ...ownKeywords } = own;
  const s = { ...resolved, ...ownKeywords };
  const labels = { ...((resolved['x-labels'] ?? {}) as Record<string, string>), ...((own['x-labels'] ?? {}) as Record<string, string>) };
  const defaults = new Set((s['x-default-codes'] ?? []) as unknown[]);
  const description = String(s.description ?? '');
  const result: FieldEntry = {
    name: displayName(field.segments),
    pointer,
    type: typeOf(s),
    use: field.required ? 'Required' : field.expected ? 'Expected' : 'Optional',
    format: typeof s.format === 'string' ? s.format : typeof s.pattern === 'string' ? `pattern ${s.pattern}` : '',
    description: field.recursiveOf === undefined ? description : [description, recursionNote(field.recursiveOf)].filter(Boolean).join(' '),
    codes: Array.isArray(s.enum)
      ? s.enum.map((c: unknown) => ({ code: String(c), label: Object.hasOwn(labels, String(c)) ? labels[String(c)]! : '', isDefault: defaults.has(c) }))
      : [],
    sensitive: sensitive.includes(pointer),
  };
  if (field.recursiveOf !== undefined) result.recursiveOf = field.recursiveOf;
  const artefact = artefactNamed(field, artefactOf);
  if (artefact) result.artefact = artefact;
  return result;
}

export function fieldDictionary(
  ajv: Ajv,
  schema: AnySchemaObject,
  schemaId: string,
  sensitive: readonly string[],
  artefactOf?: DocumentArtefact,
): FieldEntry[] {
  const out: FieldEntry[] = [];
  const root = deref(schemaLookup(ajv, schema, schemaId), schema, schemaId)?.schema;
  const applies = applicability(root);
  const requiredWhen = conditionalRequirements(root);
  walkFields(
    ajv,
    schema,
    schemaId,
    (field) => {
      const e = entry(field, sensitive, artefactOf);
      const when = applies.get(field.pointer);
      if (when) e.appliesWhen = applicabilityText(when);
      const required = requiredWhen.get(field.pointer);
      if (required !== undefined && e.use !== 'Required') e.requiredWhen = required;
      out.push(e);
    },
    { arrays: true },
  );
  return out;
}
