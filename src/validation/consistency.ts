/**
 * `x-consistency`: cross-field rules declared on a record schema, e.g. departure not before arrival.
 * Each rule `{ id, field, notBefore, message }` compares two dates or date-times found at JSON pointers
 * into the record. A rule applies only when both values are present and parse as dates (a missing or
 * malformed value is already reported by `required` or `format`). A failure is reported at `field`,
 * with the rule's id as its rule.
 *
 * The check itself is in consistency-rules.ts, which needs no Ajv. This keyword generates a call to it:
 * in the engine through a reference to the function, and in Ajv standalone code (src/codegen) through
 * `require(CONSISTENCY_RUNTIME_MODULE)`, which the code generator turns into an import of its own copy
 * of consistency-rules.ts.
 */
import { _, stringify, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';
import { strConcat } from 'ajv/dist/compile/codegen/index.js';
import names from 'ajv/dist/compile/names.js';
import { CONSISTENCY_KEYWORD, consistencyCheck, type ConsistencyRule } from './consistency-rules.js';

export { CONSISTENCY_KEYWORD, type ConsistencyRule } from './consistency-rules.js';

/** The module standalone code requires for the check; src/codegen maps it to its copy of consistency-rules.ts. */
export const CONSISTENCY_RUNTIME_MODULE = 'conform-runtime/consistency-rules';

// ajv/dist/compile/names is CommonJS with `exports.default`: Node's default import is the module, a
// bundler's (vitest) may be the names themselves, so take them from either shape (as ajv.ts does).
const N = ((names as unknown as { default?: unknown }).default ?? names) as typeof names.default;

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' } as const;

export const consistencyKeyword: CodeKeywordDefinition = {
  keyword: CONSISTENCY_KEYWORD,
  type: 'object',
  schemaType: 'array',
  metaSchema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'field', 'notBefore'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
        field: POINTER,
        notBefore: POINTER,
        message: { type: 'string' },
      },
    },
  },
  code(cxt: KeywordCxt) {
    const { gen, data, it } = cxt;
    const rules = cxt.schema as ConsistencyRule[];
    const schemaPath = `${it.errSchemaPath}/${CONSISTENCY_KEYWORD}`;
    const check = gen.scopeValue('func', {
      ref: consistencyCheck(rules, schemaPath),
      code: _`require(${CONSISTENCY_RUNTIME_MODULE}).consistencyCheck(${stringify(rules)}, ${schemaPath})`,
    });
    const errors = gen.const('consistencyErrors', _`${check}(${data}, ${strConcat(N.instancePath, it.errorPath)})`);
    cxt.pass(_`${errors} === null`, () => {
      gen.assign(N.vErrors, _`${N.vErrors} === null ? ${errors} : ${N.vErrors}.concat(${errors})`).assign(N.errors, _`${N.vErrors}.length`);
    });
  },
};
