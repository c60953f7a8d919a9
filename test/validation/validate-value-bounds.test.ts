/**
 * validateValue (the library's example checks: `conform check`, the default-code check) gives its findings as
 * a report keeps them: a path cut at 1,000 characters and a message at 2,000 (finding-text.ts), a lone
 * surrogate in a path written `\uXXXX`, and at most as many findings as a report keeps (DEFAULT_MAX_FINDINGS).
 * An example is an author's text, and a key of it may be of any length: its findings were uncut.
 */
import { describe, expect, it } from 'vitest';
import { validateStream, validateValue } from '../../src/validation/validate.js';
import { MAX_FINDING_MESSAGE, MAX_FINDING_PATH } from '../../src/validation/finding-text.js';
import { DEFAULT_MAX_FINDINGS } from '../../src/validation/report-builder.js';
import { compile } from './helpers.js';

const closed = compile({ type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } });
const KEY = 'k'.repeat(100 * 1024);

describe('validateValue bounds its findings as a report does', () => {
  it('a 100 KB key: the path cut at 1,000 characters with "…", as the report of the same record gives it', async () => {
    const findings = validateValue(closed, { [KEY]: 1 });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.path).toHaveLength(MAX_FINDING_PATH);
    expect(finding!.path).toBe(`/${'k'.repeat(MAX_FINDING_PATH - 2)}…`);
    const report = await validateStream([JSON.stringify({ [KEY]: 1 })], closed, { format: 'ndjson' });
    expect(report.findings.map(({ path, rule, message }) => ({ path, rule, message }))).toEqual(
      findings.map(({ path, rule, message }) => ({ path, rule, message })),
    );
  });

  it('a message past 2,000 characters (a rule naming a long field) is cut too', () => {
    const long = 'k'.repeat(3000);
    const required = compile({ type: 'object', required: [long], properties: { [long]: { type: 'string' } } });
    const [finding] = validateValue(required, {});
    expect(finding!.rule).toBe('required');
    expect(finding!.message.length).toBe(MAX_FINDING_MESSAGE);
    expect(finding!.message.endsWith('…')).toBe(true);
  });

  it('at most as many findings as a report keeps', () => {
    const value = Object.fromEntries(Array.from({ length: DEFAULT_MAX_FINDINGS + 500 }, (_, i) => [`extra${i}`, i]));
    const findings = validateValue(closed, value);
    expect(findings).toHaveLength(DEFAULT_MAX_FINDINGS);
    expect(findings[0]!.path).toBe('/extra0');
  });

  it('findings within every bound are given as they are', () => {
    expect(validateValue(closed, { id: 1, other: 2 }).map((f) => `${f.path} ${f.rule}`)).toEqual(['/other additionalProperties', '/id type']);
  });
});
