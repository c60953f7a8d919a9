/**
 * A finding's field by its label (the schema `title` the version gives it), with its array item in words,
 * on every face that lists findings: the findings CSV (a `fieldLabel` column last, the columns before it
 * unchanged), the CLI's tables and the web report's table; the pointer kept for machines. Found once per
 * version from the field's own title, never a `$ref`'d definition's, and never from a record value.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Validators } from '../../src/validation/validators.js';
import { fieldLabel, reportFieldTitles } from '../../src/validation/field-label.js';
import { findingsCsv } from '../../src/validation/findings-csv.js';
import { formatReport } from '../../src/cli/format-report.js';
import { reportView } from '../../src/web/report-view.js';
import { render } from '../../src/web/render.js';
import { SubmissionService } from '../../src/services/submissions.js';
import type { VersionSource } from '../../src/services/version-source.js';
import type { Report } from '../../src/validation/report-types.js';
import { SCHEMA_ID, STANDARD } from './helpers.js';

const SHARED_ID = 'https://conform.invalid/standards/_common/dates';
const shared = { $defs: { date: { title: 'Date', type: 'string', format: 'date' } } };
const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    nhsNumber: { title: 'NHS number', type: 'string', format: 'nhs-number' },
    // A definition's title names the kind of value, not the field: not this field's label.
    dateOfBirth: { $ref: '../_common/dates#/$defs/date' },
    // A title beside a $ref is the field's own.
    eventDate: { $ref: '../_common/dates#/$defs/date', title: 'Event start date' },
    patient: { type: 'object', properties: { postcode: { title: 'Postcode of usual address', type: 'string', maxLength: 8 } } },
    vaccinations: {
      title: 'Vaccinations',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { title: 'Vaccine code', type: 'string', enum: ['A', 'B'] },
          note: { type: 'string', maxLength: 3 },
          doses: { title: 'Doses', type: 'array', items: { title: 'Dose', type: 'integer', minimum: 1 } },
        },
      },
    },
  },
};

function compiled() {
  const validators = new Validators();
  validators.addShared(SHARED_ID, shared);
  return { validators, version: validators.compile({ ...STANDARD }, SCHEMA_ID, schema) };
}

describe('the labels of a version', () => {
  it("are the fields' own titles, by pointer with array items as *, never a $ref'd definition's", () => {
    expect(Object.fromEntries(compiled().version.titles)).toEqual({
      '/nhsNumber': 'NHS number',
      '/eventDate': 'Event start date',
      '/patient/postcode': 'Postcode of usual address',
      '/vaccinations': 'Vaccinations',
      '/vaccinations/*/code': 'Vaccine code',
      '/vaccinations/*/doses': 'Doses',
      '/vaccinations/*/doses/*': 'Dose',
    });
  });
});

describe('a field in words', () => {
  const titles = Object.fromEntries(compiled().version.titles);
  it('is its label, with which item of which array in plain words (counted from 1)', () => {
    expect(fieldLabel('/nhsNumber', titles)).toBe('NHS number');
    expect(fieldLabel('/patient/postcode', titles)).toBe('Postcode of usual address');
    expect(fieldLabel('/vaccinations/3/code', titles)).toBe('Vaccine code, in item 4 of Vaccinations');
    expect(fieldLabel('/vaccinations/0/doses/1', titles)).toBe('Dose, in item 2 of Doses, in item 1 of Vaccinations');
    expect(fieldLabel('/vaccinations/*/code', titles)).toBe('Vaccine code, in an item of Vaccinations');
    // An item with no label of its own is named by its place in a labelled array.
    expect(fieldLabel('/vaccinations/2', titles)).toBe('Item 3 of Vaccinations');
  });
  it('is undefined where the version gives the field no label (the faces show the pointer)', () => {
    expect(fieldLabel('/dateOfBirth', titles)).toBeUndefined();
    expect(fieldLabel('/vaccinations/3/note', titles)).toBeUndefined();
    expect(fieldLabel('/unknownColumn', titles)).toBeUndefined();
    expect(fieldLabel('', titles)).toBeUndefined();
    expect(fieldLabel('/nhsNumber', undefined)).toBeUndefined();
    expect(fieldLabel('not a pointer', titles)).toBeUndefined();
  });
});

const RECORD = { nhsNumber: '943 476 5919 x', dateOfBirth: '31/02/1990', vaccinations: [{ code: 'A' }, { code: 'Q', note: 'SECRET' }] };

/** The record above through the submission service, as every face gets its report. */
async function report(): Promise<Report> {
  const { validators, version } = compiled();
  const versions: VersionSource = {
    ajv: validators.ajv,
    resolve: () =>
      Promise.resolve({
        standardId: 't',
        version: '1.0.0',
        status: 'published',
        schema,
        schemaId: SCHEMA_ID,
        compiled: version,
        declarations: {},
        siblings: [{ version: '1.0.0', status: 'published' }],
      }),
  };
  const service = new SubmissionService(versions, undefined);
  return service.validate({ standardId: 't', versionSpec: '1.0.0', format: 'ndjson', source: Readable.from([JSON.stringify(RECORD) + '\n']) });
}

describe('on each face', () => {
  it('the report carries the titles of the fields its findings name, and only those', async () => {
    const r = await report();
    expect(r.findings.map((f) => f.path).sort()).toEqual(['/dateOfBirth', '/nhsNumber', '/vaccinations/1/code', '/vaccinations/1/note']);
    expect(r.fieldTitles).toEqual({ '/nhsNumber': 'NHS number', '/vaccinations': 'Vaccinations', '/vaccinations/*/code': 'Vaccine code' });
    expect(reportFieldTitles({ findings: [], summary: [] }, compiled().version.titles)).toBeUndefined();
  });

  it('the findings CSV keeps its columns and adds fieldLabel last: the label, else the pointer', async () => {
    const r = await report();
    const csv = findingsCsv(r);
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(csv.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    const byField = Object.fromEntries(rows.map((row) => [row.field, row.fieldLabel]));
    expect(byField).toEqual({
      '/nhsNumber': 'NHS number',
      '/dateOfBirth': '/dateOfBirth',
      '/vaccinations/1/code': 'Vaccine code, in item 2 of Vaccinations',
      '/vaccinations/1/note': '/vaccinations/1/note',
    });
    expect(csv).not.toContain('SECRET');
    expect(csv).not.toContain('943 476');
  });

  it("the CLI's tables show the label, the pointer where there is none", async () => {
    const text = formatReport(await report(), 'data.ndjson');
    const summary = text.slice(text.indexOf('Findings by field and rule:'), text.indexOf('First findings:'));
    expect(summary).toMatch(/^ {2}NHS number +format /m);
    expect(summary).toMatch(/^ {2}Vaccine code, in an item of Vaccinations +enum /m);
    expect(summary).toMatch(/^ {2}\/dateOfBirth +format /m);
    expect(text.slice(text.indexOf('First findings:'))).toContain('Vaccine code, in item 2 of Vaccinations');
    expect(text).not.toContain('SECRET');
  });

  it("the web report's table shows the label with the pointer beside it in smaller text", async () => {
    const r = await report();
    const html = render('report.njk', { ...reportView(r), title: 'Report' });
    const table = /<h2>Findings by field and rule<\/h2>[^]*?<\/table>/.exec(html)![0];
    expect(table).toContain('NHS number<br><span class="nhsuk-body-s"><code>/nhsNumber</code></span>');
    expect(table).toContain('Vaccine code, in an item of Vaccinations<br><span class="nhsuk-body-s"><code>/vaccinations/*/code</code></span>');
    // No label: the pointer alone, as before.
    expect(table).toContain('</span><code>/dateOfBirth</code></td>');
    expect(table).not.toContain('SECRET');
  });

  it("the web report's table shows a label with markup as text, never as markup", async () => {
    const r = await report();
    const html = render('report.njk', {
      ...reportView({ ...r, fieldTitles: { ...r.fieldTitles, '/nhsNumber': '<script>alert(1)</script>' } }),
      title: 'Report',
    });
    const table = /<h2>Findings by field and rule<\/h2>[^]*?<\/table>/.exec(html)![0];
    expect(table).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br><span class="nhsuk-body-s"><code>/nhsNumber</code></span>');
    expect(table).not.toContain('<script>');
  });

  it('a report stored before the labels were kept shows pointers, as it did', async () => {
    const { fieldTitles: _titles, ...old } = await report();
    expect(
      findingsCsv(old)
        .split('\n')
        .find((l) => l.includes('/nhsNumber')),
    ).toMatch(/,\/nhsNumber$/);
    expect(formatReport(old, 'x')).toMatch(/^ {2}\/nhsNumber +format /m);
    expect(formatReport(old, 'x')).not.toMatch(/^ {2}NHS number/m);
  });
});
