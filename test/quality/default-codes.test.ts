/**
 * Default codes match in every spelling the field's format accepts, and only then: a postcode's case and
 * its optional space do not hide ZZ99 3WZ from the defaults dimension, a spelling the format refuses is
 * invalid (not a default), and a code-list field is still compared exactly. Where the format is only
 * advice (x-advice), a value it warns about is valid, and names a default once its white space is tidied. The same rule holds where a
 * field does not apply (x-applicable) and in the DQMI item score.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import type { InputFormat } from '../../src/validation/report-types.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { defaultCodeTest } from '../../src/quality/default-codes.js';
import { canonicalForms } from '../../src/validation/health-formats.js';
import type { Scorecard } from '../../src/quality/types.js';

const schema = {
  type: 'object',
  required: ['id', 'postcode'],
  'x-expected': ['ethnicity'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['person', 'carer'] },
    postcode: { type: 'string', maxLength: 8, format: 'uk-postcode', 'x-default-codes': ['ZZ99 3WZ'] },
    ethnicity: { type: 'string', enum: ['A', 'Z', '99'], 'x-default-codes': ['99'] },
    carerPostcode: { type: 'string', maxLength: 8, format: 'uk-postcode', 'x-default-codes': ['ZZ99 3WZ'] },
  },
  'x-applicable': { '/carerPostcode': { '/kind': ['carer'] } },
};
const id = 'https://conform.invalid/standards/d/1.0.0';

async function scorecardOf(records: object[], format: InputFormat = 'ndjson'): Promise<Scorecard> {
  const validators = new Validators();
  const version = validators.compile({ id: 'd', version: '1.0.0', contentHash: 'd1' }, id, schema);
  const pass = scorecardPass(validators.ajv, schema, id, {}, new Date('2026-03-31T12:00:00Z'));
  const text =
    format === 'ndjson'
      ? records.map((r) => JSON.stringify(r)).join('\n')
      : [
          'id,kind,postcode,ethnicity',
          ...records.map((r) => ['id', 'kind', 'postcode', 'ethnicity'].map((k) => (r as Record<string, string>)[k] ?? '').join(',')),
        ].join('\n');
  await validateStream([Buffer.from(text)], version, { format, observer: pass.observer });
  return pass.scorecard();
}

describe('a postcode default code', () => {
  const test = defaultCodeTest({ defaultCodes: ['ZZ99 3WZ'], format: 'uk-postcode' })!;

  it('matches every spelling the postcode format accepts', () => {
    for (const spelling of ['ZZ99 3WZ', 'ZZ993WZ', 'zz99 3wz', 'zz993wz', 'Zz99 3wZ']) expect(test(spelling), spelling).toBe(true);
  });

  it('does not match a spelling the format refuses, another pseudo-postcode or a real postcode', () => {
    for (const spelling of [' ZZ99 3WZ', 'ZZ99 3WZ ', 'ZZ99  3WZ', 'ZZ9 93WZ', 'ZZ99-3WZ', 'ZZ99 3VZ', 'SW1A 1AA', ''])
      expect(test(spelling), spelling).toBe(false);
    expect(test(993)).toBe(false);
  });

  it('is declared once: the spelling a standard writes does not matter', () => {
    const compact = defaultCodeTest({ defaultCodes: ['zz993wz'], format: 'uk-postcode' })!;
    expect(compact('ZZ99 3WZ')).toBe(true);
  });

  it("answers as the value's full spelling would, for values the quick test of their first characters settles and those it does not", () => {
    const codes = ['ZZ99 3WZ', 'zz993vz', 'GIR 0AA'];
    const quick = defaultCodeTest({ defaultCodes: codes, format: 'uk-postcode' })!;
    const spelling = canonicalForms['uk-postcode']!.of;
    const wanted = new Set(codes.map(spelling));
    const values = [
      'ZZ99 3WZ',
      'zZ993vz',
      'gir0aa',
      'Gi',
      'Z',
      'ZZ',
      'zz',
      'ZY99 3WZ',
      'AZ99 3WZ',
      'GIR 0AB',
      'ſZ99 3WZ',
      'Ｚ Z99 3WZ',
      'Zſ99 3WZ',
      'zz99 3wz ',
      '\tZZ99 3WZ',
    ];
    for (const value of values) expect(quick(value), value).toBe(wanted.has(spelling(value)));
  });

  it('of a code list (no format) is matched exactly', () => {
    const exact = defaultCodeTest({ defaultCodes: ['99', 'X'] })!;
    expect(exact('99')).toBe(true);
    expect(exact('X')).toBe(true);
    expect(exact('x')).toBe(false);
    expect(exact(99)).toBe(false);
  });
});

describe('the defaults dimension', () => {
  // Each accepted spelling of ZZ99 3WZ is a default; the refused spellings are invalid values, not defaults.
  const records = [
    { id: '1', postcode: 'ZZ99 3WZ', ethnicity: 'A' },
    { id: '2', postcode: 'ZZ993WZ', ethnicity: 'A' },
    { id: '3', postcode: 'zz99 3wz', ethnicity: 'A' },
    { id: '4', postcode: 'zz993wz', ethnicity: 'A' },
    { id: '5', postcode: ' ZZ99 3WZ', ethnicity: 'A' },
    { id: '6', postcode: 'ZZ99  3WZ', ethnicity: 'A' },
    { id: '7', postcode: 'SW1A 1AA', ethnicity: '99' },
    { id: '8', postcode: 'ZZ99 3VZ', ethnicity: 'Z' },
  ];

  for (const format of ['ndjson', 'csv'] as const) {
    it(`counts each accepted spelling of the postcode default once, and no refused one (${format})`, async () => {
      const card = await scorecardOf(records, format);
      const postcode = card.dimensions.defaults.fields!.find((f) => f.field === '/postcode');
      // 8 given, 4 defaults (records 1–4), threshold 0: (8 − 4) / 8 = 50
      expect(postcode).toMatchObject({ filled: 8, defaults: 4, threshold: 0, records: 8, defaultsInExcess: 4, score: 50 });
      expect(card.counts.fields['/postcode']).toMatchObject({ present: 8, invalid: 2, defaults: 4 });
      // the code list is unchanged: exactly "99"
      expect(card.counts.fields['/ethnicity']).toMatchObject({ present: 8, defaults: 1 });
      // DQMI: (valid and complete 6 − defaults in excess 4) / 8 records = 25
      expect(card.dqmi.fields!.find((f) => f.field === '/postcode')).toMatchObject({ score: 25 });
    });
  }

  it('sets aside a default in any spelling given where its field does not apply', async () => {
    const card = await scorecardOf([
      { id: '1', kind: 'person', postcode: 'SW1A 1AA', carerPostcode: 'zz993wz' },
      { id: '2', kind: 'carer', postcode: 'SW1A 1AA', carerPostcode: 'zz99 3wz' },
      { id: '3', kind: 'carer', postcode: 'SW1A 1AA', carerPostcode: 'SW1A 2AA' },
    ]);
    expect(card.counts.fields['/carerPostcode']).toMatchObject({ present: 2, defaults: 1, notApplicable: 1 });
  });
});

describe('a free-text field advised to hold a postcode (x-advice)', () => {
  // As the immunisation batch file's PERSON_POSTCODE: any non-blank text is valid, and a value that is
  // not a UK postcode is only a warning.
  const batch = {
    type: 'object',
    required: ['PERSON_POSTCODE'],
    properties: { PERSON_POSTCODE: { type: 'string', minLength: 1, 'x-default-codes': ['ZZ99 3WZ'] } },
    'x-advice': [{ id: 'postcode-format', field: '/PERSON_POSTCODE', format: 'uk-postcode', message: 'The postcode is not a valid UK postcode.' }],
  };
  const batchId = 'https://conform.invalid/standards/b/1.0.0';

  it('matches its default codes in the spellings the advised format accepts, and once its white space is tidied', async () => {
    const validators = new Validators();
    const version = validators.compile({ id: 'b', version: '1.0.0', contentHash: 'b1' }, batchId, batch);
    const pass = scorecardPass(validators.ajv, batch, batchId, {}, new Date('2026-03-31T12:00:00Z'));
    // Valid (the format is only advice), and each says "not known": the first six are defaults.
    const postcodes = ['ZZ99 3WZ', 'zz993wz', 'ZZ99  3WZ', ' ZZ99 3WZ ', '\tzz99 3wz', 'ZZ99\u00a03WZ', 'LS1 4AP', ' LS1 4AP ', 'ZZ99 3VZ ', 'Z Z99 3WZ'];
    const rows = postcodes.map((p) => JSON.stringify({ PERSON_POSTCODE: p })).join('\n');
    await validateStream([Buffer.from(rows)], version, { format: 'ndjson', observer: pass.observer });
    const card = pass.scorecard();
    expect(card.validity).toBe(100);
    expect(card.counts.fields['/PERSON_POSTCODE']).toMatchObject({ present: 10, defaults: 6 });
  });

  it("tidies only where the format is advice: the field's own format still refuses what it refuses", () => {
    const advised = defaultCodeTest({ defaultCodes: ['ZZ99 3WZ'], format: 'uk-postcode', formatAdvised: true })!;
    const own = defaultCodeTest({ defaultCodes: ['ZZ99 3WZ'], format: 'uk-postcode' })!;
    for (const spelling of [' ZZ99 3WZ', 'ZZ99 3WZ\r', 'ZZ99 \t 3WZ', '  zz993wz  ']) {
      expect(advised(spelling), spelling).toBe(true);
      expect(own(spelling), spelling).toBe(false);
    }
    for (const spelling of ['ZZ99 3VZ', ' SW1A 1AA', 'ZZ 99 3WZ', 'ZZ993WZX', '', ' ', 993]) expect(advised(spelling), String(spelling)).toBe(false);
  });
});
