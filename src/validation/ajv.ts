/**
 * The one Ajv factory: JSON Schema 2020-12, strict mode, all errors, ajv-formats and the health formats,
 * Conform's annotation keywords declared (so strict mode stays on), and the `x-consistency` keyword (which
 * reads the validation run from the validator's `this`: call a validator as `validate.call(run, record)`).
 * No `loadSchema` is given, so a `$ref` that is not already added can never be fetched; `$data` is off.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { healthFormats } from './health-formats.js';
import { consistencyKeyword } from './consistency.js';
import { multipleOfKeyword } from './multiple-of.js';
import { isDate, isDateTime } from './date-time.js';
import { CSV_DIALECT_META_SCHEMA } from './readers/csv-dialect.js';
import { FILE_NAME_KEYWORD, FILE_NAME_META_SCHEMA } from './file-name.js';
import { ADVICE_KEYWORD, ADVICE_META_SCHEMA } from './advice.js';
import { RECORD_ACTIONS_KEYWORD, RECORD_ACTIONS_META_SCHEMA } from './record-actions.js';
import { APPLICABLE_META_SCHEMA } from './applicable-meta.js';
import type { AnySchemaObject } from 'ajv';
import { evaluatedFieldsOwnOnly } from './evaluated-fields.js';
import { readEachFieldOnce } from './field-reads.js';
import { knownFieldsByName, learnScopeValues, type ScopeValues } from './known-fields.js';
import { lengthFirst } from './string-lengths.js';
import { enumsBySearch } from './enum-tests.js';
import { readRequiredOnce } from './required-reads.js';
import { needsOwnProperties, protoFieldsForAjv } from './own-properties.js';

export type Ajv = Ajv2020;

// ajv-formats is published as CommonJS with `exports.default`; under NodeNext the default import is
// the module namespace, so take the function from either shape.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv2020) => Ajv2020;

/** Annotation keywords: they describe fields for the quality scorecard and docs, and never fail a record. */
const ANNOTATIONS = [
  { keyword: 'x-labels', metaSchema: { type: 'object', additionalProperties: { type: 'string' } } },
  { keyword: 'x-default-codes', metaSchema: { type: 'array', items: { type: ['string', 'number'] }, uniqueItems: true } },
  // Beside `if`/`then`: the words of the condition, for findings ("required when ACTION_FLAG is NEW").
  { keyword: 'x-when', metaSchema: { type: 'string', minLength: 1 } },
  // On a record schema: the CSV dialect of the version (readers/csv-dialect.ts; docs/authoring-standards.md).
  { keyword: 'x-csv', metaSchema: CSV_DIALECT_META_SCHEMA },
  // On a record schema: the file-name convention, checked when the name is known (file-name.ts).
  { keyword: FILE_NAME_KEYWORD, metaSchema: FILE_NAME_META_SCHEMA },
  // On a record schema: formats a field's value should have, checked as warnings (advice.ts).
  { keyword: ADVICE_KEYWORD, metaSchema: ADVICE_META_SCHEMA },
  // On a record schema: what its rows do to the records they identify, a rule across rows (record-actions.ts).
  { keyword: RECORD_ACTIONS_KEYWORD, metaSchema: RECORD_ACTIONS_META_SCHEMA },
  { keyword: 'x-expected', metaSchema: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
  // On a record schema: { "/field": { "/other": [values…] } }, the field applies only when every listed
  // field holds one of its listed values, or with { anyCase: [text…] } one of them in any case
  // (completeness counts it only there; quality/applicability.ts; docs/authoring-standards.md).
  { keyword: 'x-applicable', metaSchema: APPLICABLE_META_SCHEMA },
] as const;

/**
 * The engine's rewrites of Ajv's generated code (also made to the standalone validators':
 * codegen/standalone.ts); `values`: the scope names of the instance that wrote it (known-fields.ts).
 */
export const processCode = (code: string, values: ScopeValues): string =>
  enumsBySearch(lengthFirst(knownFieldsByName(readRequiredOnce(readEachFieldOnce(evaluatedFieldsOwnOnly(code))), values), values));

/** Per Ajv instance made by createAjv, the values of the scope names in the code it compiled (known-fields.ts). */
const scopeValues = new WeakMap<Ajv2020, ScopeValues>();

/** The scope names an instance made by createAjv has compiled so far, with their values (for its standalone code). */
export function scopeValuesOf(ajv: Ajv2020): ScopeValues {
  return scopeValues.get(ajv) ?? new Map<string, unknown>();
}

/**
 * `ownProperties`: fields are read as own properties only, for a version naming a field like an inherited
 * member (`constructor`, `__proto__`, …); off otherwise, as it costs a call per field (own-properties.ts).
 */
export function createAjv(options: { ownProperties?: boolean; messages?: boolean } = {}): Ajv2020 {
  const values: ScopeValues = new Map();
  const ajv: Ajv2020 = new Ajv2020({
    strict: true,
    // `type: [integer, string]`: a wire column that is a number where it converts, text otherwise (schema-walk.ts).
    allowUnionTypes: true,
    allErrors: true,
    // Findings get their own messages (findings.ts), which never echo values. A candidate's check has them on
    // (candidate.ts): its compile errors are about the author's schema, which Ajv words only with them.
    messages: options.messages === true,
    $data: false,
    validateFormats: true,
    inlineRefs: true,
    // A validator's `this` reaches every schema it calls (x-consistency reads the run from it: consistency.ts).
    passContext: true,
    // A field named like an inherited member is never "evaluated" by inheritance (evaluated-fields.ts),
    // each field is read once (field-reads.ts), a field not in `properties` is found by name (known-fields.ts),
    // and an enum of texts by a search on its length and characters (enum-tests.ts).
    code: {
      process: (code: string): string => {
        learnScopeValues(code, ajv.scope.get(), values);
        return processCode(code, values);
      },
    },
    ...(options.ownProperties === true ? { ownProperties: true } : {}),
  });
  scopeValues.set(ajv, values);
  addFormats(ajv);
  // The same accepted values as ajv-formats, with a fast path for the common forms (date-time.ts).
  ajv.addFormat('date', { type: 'string', validate: isDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  for (const [name, format] of Object.entries(healthFormats)) {
    ajv.addFormat(name, { type: 'string', validate: format.validate });
  }
  for (const annotation of ANNOTATIONS) {
    ajv.addKeyword({ keyword: annotation.keyword, metaSchema: annotation.metaSchema });
  }
  ajv.addKeyword(consistencyKeyword);
  // multipleOf on the decimals written, not their binary fractions (multiple-of.ts).
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword(multipleOfKeyword);
  return ajv;
}

/**
 * A fresh Ajv holding one version's shared schemas, and the version's schema as Ajv is to compile it, the
 * way the engine compiles it (validators.ts): own-property reads only for a version naming a field like an
 * inherited member (own-properties.ts). For compiling one version on its own (candidate checks, codegen);
 * `messages` for a candidate's check, whose compile errors then say what a keyword's value must be.
 */
export function versionAjv(
  schemaId: string,
  schema: AnySchemaObject,
  shared: Iterable<readonly [string, AnySchemaObject]>,
  options: { messages?: boolean } = {},
): { ajv: Ajv2020; root: AnySchemaObject } {
  const documents = [...shared];
  const own = needsOwnProperties(schemaId, schema, documents);
  const forAjv = own ? protoFieldsForAjv : <T>(document: T): T => document;
  const ajv = createAjv({ ownProperties: own, ...options });
  for (const [id, document] of documents) ajv.addSchema(forAjv({ ...document, $id: id }));
  return { ajv, root: forAjv({ ...schema, $id: schemaId }) };
}
