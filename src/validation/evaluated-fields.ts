/**
 * Ajv tracks the fields a schema has evaluated (for `unevaluatedProperties`) in a plain object when they
 * are known only at run time (under `anyOf`, `oneOf`, `if`, `dependentSchemas`, `patternProperties`):
 * `props0 = {}`, `props0.a = true`, and asks `!props0[key]` of each field of the record. A plain object
 * inherits Object.prototype, so a record's own field named `toString`, `constructor` or `__proto__` read as
 * evaluated, and `unevaluatedProperties: false` let it through, whether or not own-property reads were on.
 * Each such read is rewritten to ask for `true` itself (`props0[key] !== true`), which only a field Ajv
 * marked has: in the engine's code (Ajv's `code.process`, ajv.ts) and in the standalone validators'
 * (codegen/standalone.ts, whose source Ajv gives before that hook), so the two agree.
 */
const EVALUATED_READ = /!(props\d+)\[(key\d+)\]/g;

/** Ajv's generated code with every evaluated-field read asking for `true` itself. */
export function evaluatedFieldsOwnOnly(code: string): string {
  return code.replace(EVALUATED_READ, '$1[$2] !== true');
}
