/**
 * The typed validator module of one version (`<id>.v<version>.validate.ts`): a type guard
 * `is<Record>(value, context?): value is <Record>` and `validate(value, record?, line?, context?)`
 * returning findings in the engine's shape, over the Ajv standalone code beside it. The optional
 * `context` is the engine's ValidationContext (submission time, reporting period). The labels of the
 * coded fields are written into the module, found once when it is generated. Fully type-checked (only
 * the `.ajv.ts` module under it is not).
 *
 * A whole file's rows are checked in order with `createFileCheck(context?)`, `validateRows(rows)` and
 * `validateRowsAsync(rows)` (file-check-code.ts).
 */
import { createAjv } from '../validation/ajv.js';
import { fieldLabels, fieldRanges, ruleConditions } from '../validation/labels.js';
import { acrossRowsIds, fileCheckCode, fileNameRuleOf, recordActionsRule } from './file-check-code.js';
import { versionHeader } from './header.js';
import { codeLiteral, visibleSource } from './literal.js';
import { RUNTIME_DIR } from './standalone.js';
import { fileBase, recordTypeName, type CodegenSource } from './source.js';

export function validatorModule(source: CodegenSource): string {
  const type = recordTypeName(source);
  const base = fileBase(source);
  const standard = codeLiteral({ id: source.standardId, version: source.version, contentHash: source.contentHash });
  const ajv = createAjv();
  for (const [id, schema] of source.shared) ajv.addSchema({ ...schema, $id: id });
  const labels = codeLiteral(Object.fromEntries(fieldLabels(ajv, source.schema, source.schemaId)));
  const conditionMap = ruleConditions(source.schema);
  const rangeMap = fieldRanges(source.schema);
  const rule = recordActionsRule(ajv, source);
  const nameRule = fileNameRuleOf(ajv, source);
  // Only versions with a file-name convention (x-file-name) check a context's fileName, with the engine's file-name.ts.
  const fileName = nameRule
    ? `\n/** The file-name convention of ${source.standardId} ${source.version} (\`x-file-name\`), checked against a context's \`fileName\` as the service checks a file's name. */\nconst fileNameRule: FileNameRule = ${codeLiteral(nameRule)};\n`
    : '';
  const named = nameRule
    ? `\n * With a \`fileName\` in the context, the coded fields are also checked against the code lists the name\n * chooses (rule code-matches-file-type, warnings), as the service checks each row of a file with that name;\n * whether the name itself keeps the convention is a finding about the file: fileFindings(context).`
    : '';
  const adviceRules = source.schema['x-advice'] as unknown[] | undefined;
  const hasAdvice = Array.isArray(adviceRules) && adviceRules.length > 0;
  const advice = hasAdvice
    ? `\n/** The advice (\`x-advice\`): formats fields should have, reported as warnings. */\nconst advice = adviceCheck(${codeLiteral(adviceRules)})!;\n`
    : '';
  // Only versions with conditions (x-when) carry them, so other generated modules stay as they were.
  const conditions =
    conditionMap.size === 0
      ? ''
      : `\n/** The conditions of the conditional rules (\`x-when\`), by the schema path of their \`then\`, for findings' messages. */\nconst conditions: Conditions = new Map(Object.entries<string>(${codeLiteral(Object.fromEntries(conditionMap))}));\n`;
  // Only versions with numeric bounds carry their ranges, so other generated modules stay as they were.
  const ranges =
    rangeMap.size === 0
      ? ''
      : `\n/** The numeric ranges of the schemas, by the schema path of the schema holding the bounds, for findings' messages. */\nconst ranges: Ranges = new Map(Object.entries<Range>(${codeLiteral(Object.fromEntries(rangeMap))}));\n`;
  // The warnings of a record: the run's alone, or (with a file-name convention) a list as the engine's checkRecord makes it.
  const w = nameRule ? 'warnings' : 'run.warnings';
  const alone = rule
    ? `\n * It checks this record alone: the rules across rows (${acrossRowsIds(rule).join(', ')})\n * need the file's earlier rows; check a file's rows with createFileCheck or validateRows.`
    : '';
  return visibleSource(`${versionHeader(source, `Standalone validator of ${source.standardId} ${source.version}: the type guard is${type}, validate() and, for a file's rows in order, createFileCheck() and validateRows(), giving findings as Conform's engine does.`)}
import type { ${type} } from './${base}.js';
import type { Finding } from './${RUNTIME_DIR}/report-types.js';
import type { ValidationContext } from './${RUNTIME_DIR}/context.js';
import { toFindings, type EngineError, type FieldLabels${conditionMap.size === 0 ? '' : ', type Conditions'} } from './${RUNTIME_DIR}/findings.js';
import { consistencyRun, type ConsistencyRun } from './${RUNTIME_DIR}/consistency-rules.js';
import { shownFindings } from './${RUNTIME_DIR}/finding-text.js';${rangeMap.size === 0 ? '' : `\nimport type { Range, Ranges } from './${RUNTIME_DIR}/bounds.js';`}${hasAdvice ? `\nimport { adviceCheck } from './${RUNTIME_DIR}/advice.js';` : ''}${rule ? `\nimport { RecordActions, type RecordActionsRule } from './${RUNTIME_DIR}/record-actions.js';` : ''}${nameRule ? `\nimport { fileNameVerdict, type FileNameRule, type RecordCodeCheck } from './${RUNTIME_DIR}/file-name.js';` : ''}
import { check } from './${base}.ajv.js';

export type { ${type}, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = ${standard} as const;

/** The labels of the coded fields (\`x-labels\`), by field pointer (array items as \`*\`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>(${labels}));
${conditions}${ranges}${advice}${fileName}
/**
 * True when \`value\` is a valid ${source.standardId} ${source.version} record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). \`context\` says when the data was received and the reporting
 * period it is for (default: now, no period).${alone}
 */
export function is${type}(value: unknown, context?: ValidationContext): value is ${type} {
  return check.call(consistencyRun(context), value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message, severity; never a
 * value from the record; a path cut at 1,000 characters and a message at 2,000, marked "…", as in a
 * report), warnings included; empty when the record has none. \`record\` and \`line\`
 * number the findings (default 1 and 0); \`context\` says when the data was received and the reporting
 * period it is for (default: now, no period), as the engine's validate options do.${named}${alone}
 */
export function validate(value: unknown, record = 1, line = 0, context?: ValidationContext): Finding[] {
  return shownFindings(findingsOf(consistencyRun(context), value, record, line${nameRule ? ', fileNameVerdict(fileNameRule, context?.fileName).codes' : ''}));
}

/**
 * One record's own findings in a run (its warnings emptied first), as the engine's checkRecord gives them:
 * before the report's bounds (shownFindings), which the functions returning them apply, as the service's
 * report builder does after its rules across rows.
 */
function findingsOf(run: ConsistencyRun, value: unknown, record: number, line: number${nameRule ? ', codes?: RecordCodeCheck' : ''}): Finding[] {
  run.warnings = null;
  const valid = check.call(run, value);${warningsCode(hasAdvice, nameRule !== undefined)}
  if (valid && ${w} === null) return [];
  const errors: readonly EngineError[] = valid ? [] : (check.errors ?? []);
  return toFindings(${w} === null ? errors : errors.concat(${w}), record, line, labels, ${conditionMap.size === 0 ? 'undefined' : 'conditions'}, value${rangeMap.size === 0 ? '' : ', true, ranges'});
}

${fileCheckCode(source, rule, nameRule)}`);
}

/** The advice's and the file name's code lists' warnings after the rules' own, in the order of the engine's checkRecord. */
function warningsCode(advice: boolean, codes: boolean): string {
  if (codes)
    return `\n  let warnings: readonly EngineError[] | null = run.warnings;${advice ? '\n  const advised = advice(value);' : ''}\n  const coded = codes?.(value);\n  if (${advice ? 'advised || ' : ''}coded) warnings = [...(warnings ?? []), ${advice ? '...(advised ?? []), ' : ''}...(coded ?? [])];`;
  if (advice) return `\n  const advised = advice(value);\n  if (advised) run.warnings = [...(run.warnings ?? []), ...advised];`;
  return '';
}
