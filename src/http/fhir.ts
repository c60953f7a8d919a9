/**
 * A report as a FHIR R4 OperationOutcome, for suppliers whose systems speak FHIR: one issue per kept
 * finding (severity, code, diagnostics, expression) and one information issue with the totals.
 */
import type { Finding, Report } from '../validation/report-types.js';
import { pointerSegments } from '../validation/pointer.js';
import { countWords } from '../validation/count-words.js';

const CODES: Record<string, string> = {
  required: 'required',
  type: 'structure',
  additionalProperties: 'structure',
  'json-syntax': 'structure',
  'json-duplicate-key': 'structure',
  'json-lone-surrogate': 'value',
  'csv-syntax': 'structure',
  'csv-columns': 'structure',
  encoding: 'structure',
  'record-too-large': 'too-long',
  'record-too-deep': 'too-long',
  maxLength: 'value',
  minLength: 'value',
  pattern: 'value',
  format: 'value',
  enum: 'code-invalid',
  const: 'code-invalid',
};

/** `/address/postcode` of record 3 -> `Record[3].address.postcode` (FHIRPath-like). */
function expression(f: Finding): string {
  const base = f.record === 0 ? 'Submission' : `Record[${f.record}]`;
  const parts = pointerSegments(f.path);
  return [base, ...parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('').replace(/\.\[/g, '[');
}

interface Issue {
  severity: 'error' | 'warning' | 'information';
  code: string;
  details: { text: string };
  diagnostics: string;
  expression: string[];
}

export function operationOutcome(report: Report) {
  const issues: Issue[] = report.findings.map((f) => ({
    severity: f.severity,
    code: CODES[f.rule] ?? (f.rule.includes('-') ? 'business-rule' : 'invariant'),
    details: { text: f.rule },
    diagnostics: `${f.message}${f.line ? ` (line ${f.line})` : ''}`,
    expression: [expression(f)],
  }));
  const { stats } = report;
  issues.push({
    severity: 'information',
    code: 'informational',
    details: { text: 'summary' },
    diagnostics:
      `${report.standard.id} ${report.standard.version}: ${countWords(stats.records, 'record')}, ${stats.valid} valid, ${stats.invalid} invalid, ${countWords(stats.findings, 'finding')}` +
      `${report.truncated ? ` (first ${report.findings.length} listed)` : ''}${report.submission ? `; submission ${report.submission.id}` : ''}`,
    expression: ['Submission'],
  });
  for (const warning of report.warnings ?? [])
    issues.push({ severity: 'warning', code: 'informational', details: { text: 'deprecated-version' }, diagnostics: warning, expression: ['Submission'] });
  return { resourceType: 'OperationOutcome', issue: issues };
}
