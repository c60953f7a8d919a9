/**
 * `x-consistency`: cross-field date rules declared on a record schema (consistency-rules.ts has the rule
 * forms: notBefore or notAfter another field, notAfter the submission, within the reporting period; any
 * may be a warning). A rule applies only when its values are present and parse as dates (a missing or
 * malformed value is already reported by `required` or `format`). A failure is reported at `field`,
 * with the rule's id as its rule.
 *
 * The rules are checked when the schema compiles, and a malformed rule is refused with a message naming
 * the rule and what is wrong (Ajv's own meta-schema messages would say neither). The check itself is in
 * consistency-rules.ts, which needs no Ajv. This keyword generates a call to it, passing the validator's
 * `this` (the run: submission time, period and warnings; Ajv's `passContext`): in the engine through a
 * reference to the function, and in Ajv standalone code (src/codegen) through
 * `require(CONSISTENCY_RUNTIME_MODULE)`, which the code generator turns into an import of its own copy
 * of consistency-rules.ts.
 */
import { _, stringify, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';
import { getProperty, strConcat } from 'ajv/dist/compile/codegen/index.js';
import names from 'ajv/dist/compile/names.js';
import { CONSISTENCY_KEYWORD, consistencyCheck, consistencyRuleProblems, fieldWords, ruleFieldNames, type ConsistencyRule } from './consistency-rules.js';
import { pointerSegments } from './pointer.js';

export { CONSISTENCY_KEYWORD, type ConsistencyRule } from './consistency-rules.js';

/** The module standalone code requires for the check; src/codegen maps it to its copy of consistency-rules.ts. */
export const CONSISTENCY_RUNTIME_MODULE = 'conform-runtime/consistency-rules';

// ajv/dist/compile/names is CommonJS with `exports.default`: Node's default import is the module, a
// bundler's (vitest) may be the names themselves, so take them from either shape (as ajv.ts does).
const N = ((names as unknown as { default?: unknown }).default ?? names) as typeof names.default;

/** The words for each pointer the rules name: the field's `title` where the record schema gives one. */
function fieldNames(record: unknown, rules: readonly ConsistencyRule[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const pointer of new Set(rules.flatMap((r) => [r.field, r.notBefore, r.notAfter]))) {
    if (pointer === undefined || !pointer.startsWith('/')) continue;
    let node: unknown = record;
    for (const segment of pointerSegments(pointer)) {
      const properties = node !== null && typeof node === 'object' ? (node as { properties?: unknown }).properties : undefined;
      node =
        properties !== null && typeof properties === 'object' && Object.hasOwn(properties, segment)
          ? (properties as Record<string, unknown>)[segment]
          : undefined;
    }
    const title = node !== null && typeof node === 'object' ? (node as { title?: unknown }).title : undefined;
    names[pointer] = fieldWords(pointer, typeof title === 'string' ? title : undefined);
  }
  return names;
}

export const consistencyKeyword: CodeKeywordDefinition = {
  keyword: CONSISTENCY_KEYWORD,
  type: 'object',
  schemaType: 'array',
  code(cxt: KeywordCxt) {
    const { gen, data, it } = cxt;
    const schemaPath = `${it.errSchemaPath}/${CONSISTENCY_KEYWORD}`;
    const problems = consistencyRuleProblems(cxt.schema);
    if (problems.length > 0) {
      const given: unknown[] = Array.isArray(cxt.schema) ? (cxt.schema as unknown[]) : [];
      const describe = ({ at, problem }: { at: string; problem: string }): string => {
        const [, index, ...property] = at.split('/');
        if (index === undefined) return `the rules ${problem}`;
        const id = (given[Number(index)] as { id?: unknown } | undefined)?.id;
        return `rule ${Number(index) + 1}${typeof id === 'string' ? ` ("${id}")` : ''}${property.length > 0 ? ` ${property.join('/')}` : ''} ${problem}`;
      };
      throw new Error(`${CONSISTENCY_KEYWORD} at ${schemaPath}: ${problems.map(describe).join('; ')}`);
    }
    const rules = cxt.schema as ConsistencyRule[];
    const names = fieldNames(cxt.parentSchema, rules);
    const check = gen.scopeValue('func', {
      ref: consistencyCheck(rules, schemaPath, names),
      code: _`require(${CONSISTENCY_RUNTIME_MODULE}).consistencyCheck(${stringify(rules)}, ${schemaPath}, ${stringify(names)})`,
    });
    // The values the rules compare, read by name here where each is a field of the record itself (a read by
    // name is quicker than the check's read by a key in a variable); the check reads them itself otherwise.
    const values = (ruleFieldNames(rules) ?? []).map((name) => _`, ${data}${getProperty(name)}`);
    const errors = gen.const(
      'consistencyErrors',
      _`${check}(${data}, ${strConcat(N.instancePath, it.errorPath)}, ${N.this}${values.reduce((all, v) => _`${all}${v}`, _``)})`,
    );
    cxt.pass(_`${errors} === null`, () => {
      gen.assign(N.vErrors, _`${N.vErrors} === null ? ${errors} : ${N.vErrors}.concat(${errors})`).assign(N.errors, _`${N.vErrors}.length`);
    });
  },
};
