/**
 * `conform validate --output junit`: the report as JUnit XML, which CI systems show as test results. One
 * test suite per validated file; one failing test case per (field, rule) pair the report's summary
 * counts, with the count, the first record and line numbers and the rule's message (never a value), and
 * each distinct message when the pair's findings differ (a format finding names its kind of near miss);
 * one passing case when the file has no findings; one case per --min-score floor. Where another standard
 * fits the file's columns much better (the report's `suggestion`), the suite says so in its system-out, in
 * the text report's words, and names the option in a `suggestedStandard` property.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Report } from '../validation/report-types.js';
import { failsOn, scoreChecks, type FailPolicy } from './fail-policy.js';
import { fieldLabel, findingPairs, recordLabel } from './report-pairs.js';
import { suggestionText } from './suggestion-text.js';

interface TestCase {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  'system-out'?: string;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

export function junitReport(report: Report, fileLabel: string, policy: FailPolicy): string {
  const suiteName = `${report.standard.id}@${report.standard.version}`;
  const cases: TestCase[] = [];
  for (const pair of findingPairs(report)) {
    const body = [
      `field: ${fieldLabel(pair.path)}`,
      `rule: ${pair.rule}`,
      `severity: ${pair.severity}`,
      `count: ${pair.count}`,
      `first records: ${pair.firstRecords.map(recordLabel).join(', ')}`,
      ...(pair.firstRows.some((row) => row > 0) ? [`first rows: ${pair.firstRows.map((row) => (row > 0 ? String(row) : '-')).join(', ')}`] : []),
      ...(pair.firstLines.some((line) => line > 0) ? [`first lines: ${pair.firstLines.map((line) => (line > 0 ? String(line) : '-')).join(', ')}`] : []),
      // Findings of one pair may differ in message (a format finding names its kind of near miss): each is listed.
      ...(pair.messages.length > 1
        ? [
            'messages:',
            ...pair.messages.map((m) => `- ${m.message} (records ${m.records.map(recordLabel).join(', ')})`),
            ...(pair.moreMessages > 0 ? [`- and ${pair.moreMessages} other ${pair.moreMessages === 1 ? 'message' : 'messages'}`] : []),
          ]
        : []),
    ].join('\n');
    const first = pair.firstRecords[0] ?? 0;
    const message = `${plural(pair.count, 'finding')}${pair.message ? `: ${pair.message}` : ''} (first record ${recordLabel(first)}${pair.firstLines[0] ? `, line ${pair.firstLines[0]}` : ''}${first !== 0 && pair.firstRows[0] ? `, row ${pair.firstRows[0]}` : ''})`;
    const testCase: TestCase = { '@_name': `${fieldLabel(pair.path)} ${pair.rule}`, '@_classname': suiteName, '@_time': '0' };
    if (failsOn(pair.severity, policy.failOn)) testCase.failure = { '@_message': message, '@_type': pair.rule, '#text': body };
    else testCase['system-out'] = `${message}\n${body}`;
    cases.push(testCase);
  }
  if (report.summary.length === 0) {
    cases.push({ '@_name': 'every record conforms', '@_classname': suiteName, '@_time': String(report.stats.seconds) });
  }
  for (const check of scoreChecks(report, policy)) {
    const testCase: TestCase = { '@_name': `scorecard ${check.dimension} >= ${check.min}`, '@_classname': `${suiteName} scorecard`, '@_time': '0' };
    if (!check.met) {
      const text = check.score === null ? `the ${check.dimension} score was not measured` : `the ${check.dimension} score is ${check.score.toFixed(1)}`;
      testCase.failure = { '@_message': `${text}, below ${check.min}`, '@_type': 'min-score', '#text': text };
    }
    cases.push(testCase);
  }
  const failures = cases.filter((c) => c.failure).length;
  const properties = [
    ['standard', report.standard.id],
    ['version', report.standard.version],
    ['contentHash', report.standard.contentHash],
    ['format', `${report.format}${report.gzip ? ', gzip' : ''}`],
    ['records', String(report.stats.records)],
    ['invalidRecords', String(report.stats.invalid)],
    ['findings', String(report.stats.findings)],
    ['findingsTruncated', String(report.truncated)],
    ...(report.submission ? [['submission', report.submission.id]] : []),
    ...(report.warnings ?? []).map((w) => ['warning', w]),
    ...(report.suggestion ? [['suggestedStandard', `${report.suggestion.standard}@${report.suggestion.version}`]] : []),
  ].map(([name, value]) => ({ '@_name': name, '@_value': value }));
  const suite = {
    '@_name': `${suiteName} ${fileLabel}`,
    '@_tests': String(cases.length),
    '@_failures': String(failures),
    '@_errors': '0',
    '@_skipped': '0',
    '@_time': String(report.stats.seconds),
    properties: { property: properties },
    testcase: cases,
    // After the test cases, as the JUnit schema orders a suite's elements.
    ...(report.suggestion ? { 'system-out': suggestionText(report.suggestion) } : {}),
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: { '@_name': 'conform', '@_tests': String(cases.length), '@_failures': String(failures), '@_errors': '0', testsuite: suite },
  };
  return xmlText(new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true }).build(document));
}

/**
 * Characters XML 1.0 cannot hold at all, even escaped (control characters but tab and line ends, U+FFFE,
 * U+FFFF, a lone surrogate), written as `\u` and four hex digits: a rule message or title of a local library
 * holding one would otherwise make a file no CI system can parse. The builder escapes markup itself.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(xml: string): string {
  return xml.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
