/**
 * The typed validator module of one version (`<id>.v<version>.validate.ts`): a type guard
 * `is<Record>(value): value is <Record>` and `validate(value, record?, line?)` returning findings in the
 * engine's shape, over the Ajv standalone code beside it. Fully type-checked (only the `.ajv.ts` module
 * under it is not).
 */
import { versionHeader } from './header.js';
import { RUNTIME_DIR } from './standalone.js';
import { fileBase, recordTypeName, type CodegenSource } from './source.js';

export function validatorModule(source: CodegenSource): string {
  const type = recordTypeName(source);
  const base = fileBase(source);
  const standard = JSON.stringify({ id: source.standardId, version: source.version, contentHash: source.contentHash });
  return `${versionHeader(source, `Standalone validator of ${source.standardId} ${source.version}: the type guard is${type} and validate(), giving findings as Conform's engine does.`)}
import type { ${type} } from './${base}.js';
import type { Finding } from './${RUNTIME_DIR}/report-types.js';
import { toFindings } from './${RUNTIME_DIR}/findings.js';
import { check } from './${base}.ajv.js';

export type { ${type}, Finding };

/** The standard version this validator was generated from. */
export const standard = ${standard} as const;

/**
 * True when \`value\` is a valid ${source.standardId} ${source.version} record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules).
 */
export function is${type}(value: unknown): value is ${type} {
  return check(value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message; never a value from
 * the record); empty when the record is valid. \`record\` and \`line\` number the findings (default 1 and 0).
 */
export function validate(value: unknown, record = 1, line = 0): Finding[] {
  return check(value) ? [] : toFindings(check.errors ?? [], record, line);
}
`;
}
