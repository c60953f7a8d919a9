/**
 * Code-list findings name each allowed code with its label (`x-labels` on the field or on the definition
 * it refers to), bounded for long lists, never echoing the wrong value; and one fault gives one finding.
 */
import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { Validators } from '../../src/validation/validators.js';
import { validateStream, validateValue } from '../../src/validation/validate.js';
import { toFindings } from '../../src/validation/findings.js';
import { err, SCHEMA_ID, STANDARD } from './helpers.js';

const SHARED_ID = 'https://conform.invalid/standards/_common/code-lists';
const letters = 'ABCDEFGHJKLMNPRSZ'.split('');
const shared = {
  $defs: {
    ethnicCategory: {
      type: 'string',
      enum: [...letters, '99'],
      'x-labels': Object.fromEntries([...letters.map((l) => [l, `Group ${l}`]), ['99', 'Not known']]),
    },
    procedure: { type: 'string', pattern: '^[0-9]+$', format: 'sctid' },
  },
};
const schema = {
  type: 'object',
  properties: {
    dose: {
      $ref: '../_common/code-lists#/$defs/procedure',
      enum: ['1324681000000101', '1324691000000104'],
      'x-labels': { '1324681000000101': 'first dose', '1324691000000104': 'second dose' },
    },
    ethnicity: { $ref: '../_common/code-lists#/$defs/ethnicCategory' },
    narrowed: { $ref: '../_common/code-lists#/$defs/ethnicCategory', enum: ['A', 'Z'], 'x-labels': { Z: 'Not stated (here)' } },
    disease: { const: '840539006', 'x-labels': { '840539006': 'COVID-19' } },
    sites: {
      type: 'array',
      items: { type: 'string', enum: ['368208006', '368209003'], 'x-labels': { '368208006': 'Left upper arm', '368209003': 'Right upper arm' } },
    },
    plain: { type: 'string', enum: ['x', 'y'] },
    spaced: { type: 'string', enum: ['Carer Support: Direct to Carer'], 'x-labels': { 'Carer Support: Direct to Carer': 'direct' } },
    day: { type: 'string', format: 'date', maxLength: 10 },
    inherited: { type: 'string', enum: ['constructor', 'toString', 'A'], 'x-labels': { A: 'Alpha' } },
  },
};

function compiled() {
  const validators = new Validators();
  validators.addShared(SHARED_ID, shared);
  return validators.compile({ ...STANDARD }, SCHEMA_ID, schema);
}
const version = compiled();
const findings = (record: unknown) => validateValue(version, record, { submittedAt: '2026-01-01T00:00:00Z' });

describe('code-list messages', () => {
  it('name each allowed code with its label from the field', () => {
    expect(findings({ dose: '1362591000000103' })).toEqual([
      err(1, 0, '/dose', 'enum', 'must be one of the allowed codes: 1324681000000101 (first dose), 1324691000000104 (second dose)'),
    ]);
  });

  it('take labels from the referenced definition, and the field’s own labels over them', () => {
    expect(findings({ narrowed: 'B' })).toEqual([err(1, 0, '/narrowed', 'enum', 'must be one of the allowed codes: A (Group A), Z (Not stated (here))')]);
  });

  it('say how many codes a long list has and show a bounded number', () => {
    const [finding] = findings({ ethnicity: 'Q' });
    expect(finding!.message).toBe(
      'must be one of the 18 allowed codes, the first 10 of which are: A (Group A), B (Group B), C (Group C), D (Group D), E (Group E), F (Group F), G (Group G), H (Group H), J (Group J), K (Group K), …',
    );
  });

  it('give a code named like an inherited member (constructor, toString) no label unless the list gives one', () => {
    expect(findings({ inherited: 'B' })).toEqual([err(1, 0, '/inherited', 'enum', 'must be one of the allowed codes: "constructor", "toString", A (Alpha)')]);
  });

  it('label a const and array items, and quote codes that are not plain', () => {
    expect(findings({ disease: '1' })).toEqual([err(1, 0, '/disease', 'const', 'must be 840539006 (COVID-19)')]);
    expect(findings({ sites: ['368208006', '1'] })).toEqual([
      err(1, 0, '/sites/1', 'enum', 'must be one of the allowed codes: 368208006 (Left upper arm), 368209003 (Right upper arm)'),
    ]);
    expect(findings({ spaced: 'Carer Support' })).toEqual([
      err(1, 0, '/spaced', 'enum', 'must be one of the allowed codes: "Carer Support: Direct to Carer" (direct)'),
    ]);
  });

  it('keep the plain list for codes without labels', () => {
    expect(findings({ plain: 'z' })).toEqual([err(1, 0, '/plain', 'enum', 'must be one of the allowed codes: "x", "y"')]);
  });

  it('are looked up once per compiled version', () => {
    const fresh = compiled();
    const first = fresh.labels;
    expect(first.get('/dose')).toEqual({ '1324681000000101': 'first dose', '1324691000000104': 'second dose' });
    expect(first.get('/sites/*')).toBeDefined();
    expect(fresh.labels).toBe(first);
  });
});

describe('one fault, one finding', () => {
  it('reports a wrong code once, by its code list, not also by its pattern, format or type', () => {
    // '1362591000000103' passes the pattern and format; 'abc' fails both and the enum; 7 fails the type and the enum
    for (const dose of ['1362591000000103', 'abc', 7]) {
      expect(
        findings({ dose }).map((f) => f.rule),
        String(dose),
      ).toEqual(['enum']);
    }
    expect(findings({ ethnicity: 99 }).map((f) => f.rule)).toEqual(['enum']);
    expect(findings({ disease: 840539006 }).map((f) => f.rule)).toEqual(['const']);
  });

  it('reports the shorter list when a field narrows a referenced list', () => {
    expect(findings({ narrowed: 'Q' }).map((f) => f.message)).toEqual(['must be one of the allowed codes: A (Group A), Z (Not stated (here))']);
  });

  it('still reports each rule of a field without a code list', () => {
    expect(findings({ day: '2024-02-30T00' }).map((f) => f.rule)).toEqual(['maxLength', 'format']);
  });

  it('keeps counts and summary consistent with the findings kept', async () => {
    const lines = [{ dose: 'abc' }, { dose: 'abc', ethnicity: 1 }, { plain: 'x' }].map((r) => JSON.stringify(r)).join('\n');
    const report = await validateStream(Readable.from([lines]), version, { format: 'ndjson' });
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2, findings: 3 });
    expect(report.summary.map((s) => [s.path, s.rule, s.count])).toEqual([
      ['/dose', 'enum', 2],
      ['/ethnicity', 'enum', 1],
    ]);
  });

  it('applies to errors given directly too', () => {
    const errors = [
      { instancePath: '/a', schemaPath: '#/format', keyword: 'format', params: { format: 'date' } },
      { instancePath: '/a', schemaPath: '#/enum', keyword: 'enum', params: { allowedValues: ['x'] } },
      { instancePath: '/b', schemaPath: '#/format', keyword: 'format', params: { format: 'date' } },
    ];
    expect(toFindings(errors, 1, 1).map((f) => `${f.path} ${f.rule}`)).toEqual(['/a enum', '/b format']);
  });
});

describe('messages never echo the value', () => {
  it('for codes, consts and formats', async () => {
    const SENTINEL = 'SENTINEL-9f3a';
    const lines = [{ dose: SENTINEL }, { ethnicity: SENTINEL }, { disease: SENTINEL }, { sites: [SENTINEL] }, { day: SENTINEL }, { plain: SENTINEL }]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const report = await validateStream(Readable.from([lines]), version, { format: 'ndjson' });
    expect(report.stats.invalid).toBe(6);
    expect(JSON.stringify(report)).not.toContain('SENTINEL');
  });
});
