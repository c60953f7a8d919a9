/**
 * A field's label is an author's text shown once a finding on every face: one line of plain text, each
 * title at most MAX_TITLE characters and a whole label at most MAX_LABEL, however long or strange the
 * schema's titles (a 1 MB title once took a 5,000-finding findings.csv to the heap limit and the process down).
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { fieldLabel, MAX_LABEL, MAX_TITLE, reportFieldTitles } from '../../src/validation/field-label.js';
import { findingsCsv } from '../../src/validation/findings-csv.js';
import type { Finding } from '../../src/validation/report-types.js';
import { SCHEMA_ID, STANDARD } from './helpers.js';

const HUGE = '=HYPERLINK("x")' + 'A'.repeat(1_000_000);
const STRANGE = 'Vaccine\u202e code\n\u001b[31mforged line\r\u2028next\u200b \uD800 end';

const titlesOf = (schema: object) => new Validators().compile({ ...STANDARD }, SCHEMA_ID, schema).titles;

describe("a version's titles", () => {
  it('are each one line of plain text, at most MAX_TITLE characters', () => {
    const titles = titlesOf({ type: 'object', properties: { a: { type: 'string', title: HUGE }, b: { type: 'string', title: STRANGE } } });
    const a = titles.get('/a')!;
    expect(a.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(a.startsWith('=HYPERLINK("x")AAAA')).toBe(true);
    expect(a.endsWith('…')).toBe(true);
    expect(titles.get('/b')).toBe('Vaccine code [31mforged line next end');
  });

  it('a title of only white space or invisible characters gives no label', () => {
    const titles = titlesOf({ type: 'object', properties: { a: { type: 'string', title: ' \n\u202e\u200b ' } } });
    expect(titles.has('/a')).toBe(false);
  });
});

describe('a label', () => {
  it("read from a stored report's titles (kept before they were bounded) is bounded too", () => {
    const label = fieldLabel('/a', { '/a': HUGE })!;
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL);
    expect(fieldLabel('/b', { '/b': STRANGE })).toBe('Vaccine code [31mforged line next end');
  });

  it('inside many nested labelled arrays is at most MAX_LABEL characters, never half a surrogate pair', () => {
    const titles: Record<string, string> = {};
    let pointer = '';
    for (let depth = 0; depth < 30; depth++) {
      pointer += '/list';
      titles[pointer] = '😀'.repeat(MAX_TITLE);
      pointer += '/*';
    }
    titles[`${pointer}/v`] = 'Value';
    const label = fieldLabel(`${pointer.replaceAll('*', '7')}/v`, titles)!;
    expect(Array.from(label).length).toBeLessThanOrEqual(MAX_LABEL);
    expect(label.startsWith('Value, in item 8 of 😀')).toBe(true);
    expect(label.endsWith('…')).toBe(true);
    expect(label).not.toMatch(/\p{Cs}/u);
  });

  it('keeps a findings CSV of many findings about a huge-titled field small', () => {
    const findings: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
      record: i + 1,
      line: i + 1,
      path: '/a',
      rule: 'type',
      severity: 'error',
      message: 'must be integer',
    }));
    const csv = findingsCsv({ findings, fieldTitles: { '/a': HUGE } });
    expect(csv.length).toBeLessThan(5000 * (60 + MAX_LABEL));
    expect(csv.split('\n')[1]).toMatch(/^1,,1,\/a,type,error,must be integer,"'=HYPERLINK\(""x""\)A+…"$/);
  });
});

describe("a report's titles", () => {
  it('for findings deep inside a recursive record are found in time linear in the path (a deep path once took O(depth²))', () => {
    const titles = new Map([
      ['/children', 'Children'],
      ['/children/*/label', 'Label'],
      ['/children/*/children', 'Sub-nodes'],
    ]);
    // 1,000 levels of nested items, each finding at a different last index: 50 distinct paths of 2,000 segments.
    const deep = '/children/1'.repeat(1000);
    const findings = Array.from({ length: 50 }, (_, i) => ({
      record: 1,
      line: 1,
      path: `${deep}/children/${i}/label`,
      rule: 'maxLength',
      severity: 'error' as const,
      message: 'too long',
    }));
    const started = performance.now();
    const needed = reportFieldTitles({ findings, summary: [] }, titles);
    const ms = performance.now() - started;
    expect(needed).toEqual({ '/children': 'Children', '/children/*/children': 'Sub-nodes' });
    expect(reportFieldTitles({ findings: [{ ...findings[0]!, path: '/children/3/label' }], summary: [] }, titles)).toEqual({
      '/children': 'Children',
      '/children/*/label': 'Label',
    });
    // Quadratic, 200 such paths of 4,000 segments took 240 seconds, these 17 seconds; linear, a few milliseconds (the bound leaves room for a slow machine).
    expect(ms).toBeLessThan(1000);
  });
});
