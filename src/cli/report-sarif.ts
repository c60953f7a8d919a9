/**
 * `conform validate --output sarif`: the report as a SARIF 2.1.0 log, which code-scanning tools show next
 * to the file. One result per finding the report keeps (`--max-findings`), pointing at the file and the
 * line its record starts on (`region.startLine`; a finding about the whole file has no region), with the
 * rule id and the rule's message; the field is the result's logical location. Where another standard fits
 * the file's columns much better (the report's `suggestion`), the run's invocation carries it as a tool
 * configuration notification (the standard chosen is the run's configuration), in the text report's
 * words, with the option that picks it in its properties. Never a record value.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report, ReportSuggestion } from '../validation/report-types.js';
import { packageVersion } from './package-info.js';
import { fieldLabel } from './report-pairs.js';
import { suggestedOption, suggestionText } from './suggestion-text.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What each reading rule means; other rules are JSON Schema keywords or a standard's cross-field rules. */
const READING_RULES: Record<string, string> = {
  'json-syntax': 'A record is not well-formed JSON.',
  'json-duplicate-key': 'A JSON record gives one key twice in one object: readers differ over which value counts.',
  'json-lone-surrogate': 'A JSON string holds an unpaired surrogate escape (\\uD800 to \\uDFFF), which cannot be written as UTF-8.',
  'csv-columns': 'A CSV row has a different number of cells from the header.',
  'csv-syntax': 'A CSV row has a malformed quote.',
  encoding:
    'A record, or the file, is not text in the encoding the standard reads (UTF-8; or, where its CSV dialect allows, Windows-1252, which has no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D).',
  'record-too-large': 'A record is larger than the limit (16 MiB).',
  'record-too-deep': 'A record nests objects and arrays more than 64 levels deep, or a CSV column names a field nested that deep.',
  empty: 'The file holds no records.',
};

function ruleDescription(rule: string): string {
  return READING_RULES[rule] ?? `A record breaks the standard's rule "${rule}" (a JSON Schema keyword or a cross-field rule of the standard).`;
}

/** The file as a SARIF artifact URI: relative paths stay relative (to the working directory), with `/` separators. */
function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function result(finding: Finding, uri: string, ruleIndex: number): object {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: finding.severity,
    message: { text: `${fieldLabel(finding.path)}: ${finding.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri, index: 0 }, ...(finding.line > 0 ? { region: { startLine: finding.line } } : {}) },
        logicalLocations: [
          { fullyQualifiedName: finding.record === 0 ? fieldLabel(finding.path) : `record ${finding.record} ${fieldLabel(finding.path)}`, kind: 'member' },
        ],
      },
    ],
    properties: { record: finding.record, field: finding.path },
  };
}

/** The run's invocation with the suggestion of a better-fitting standard as a configuration notification. */
function suggestionInvocation(better: ReportSuggestion): object {
  return {
    executionSuccessful: true,
    toolConfigurationNotifications: [
      {
        descriptor: { id: 'standard-suggestion' },
        level: 'warning',
        message: { text: suggestionText(better) },
        properties: {
          suggestedStandard: better.standard,
          suggestedVersion: better.version,
          option: suggestedOption(better),
          columns: better.columns,
          matched: better.matched,
          chosen: { standard: better.chosen.standard, version: better.chosen.version, matched: better.chosen.matched },
        },
      },
    ],
  };
}

export function sarifReport(report: Report, file: string): string {
  const uri = artifactUri(file);
  const ruleIds = [...new Set([...report.summary.map((s) => s.rule), ...report.findings.map((f) => f.rule)])];
  const rules = ruleIds.map((id) => {
    const severity = report.summary.find((s) => s.rule === id)?.severity ?? 'error';
    return { id, shortDescription: { text: ruleDescription(id) }, defaultConfiguration: { level: severity } };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'conform', semanticVersion: packageVersion(), rules } },
        ...(report.suggestion ? { invocations: [suggestionInvocation(report.suggestion)] } : {}),
        artifacts: [{ location: { uri }, ...(report.gzip ? { mimeType: 'application/gzip' } : {}) }],
        results: report.findings.map((f) => result(f, uri, ruleIds.indexOf(f.rule))),
        properties: {
          standard: report.standard.id,
          version: report.standard.version,
          contentHash: report.standard.contentHash,
          format: report.format,
          records: report.stats.records,
          invalidRecords: report.stats.invalid,
          findings: report.stats.findings,
          findingsTruncated: report.truncated,
          ...(report.warnings?.length ? { warnings: report.warnings } : {}),
          ...(report.submission ? { submission: report.submission.id } : {}),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
