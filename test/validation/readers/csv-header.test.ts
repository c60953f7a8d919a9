import { describe, it, expect } from 'vitest';
import { compile, err, PERSON_SCHEMA, run as runWithRows, rowsChecked } from '../helpers.js';
import { suggestField } from '../../../src/validation/readers/csv-header.js';
import { MAX_RECORD_VALUES } from '../../../src/validation/readers/text.js';

/** Runs with the spreadsheet rows checked against the lines and left out (helpers.ts rowsChecked); rows have their own tests in csv.test.ts. */
const run = async (...args: Parameters<typeof runWithRows>) => rowsChecked(await runWithRows(...args));

const person = compile(PERSON_SCHEMA);
const csv = (text: string, version = person) => run([text], version, { format: 'csv' });

describe('CSV header diagnosis', () => {
  it('reports a misspelt column once, with did you mean, and not on every row', async () => {
    const report = await csv('id,nhs_number,age\na,9434765919,1\nb,9434765919,2\nc,9434765919,3\n');
    expect(report.findings).toEqual([err(0, 0, '', 'misspelt-column', 'column 2 "nhs_number" is not a field of this standard; did you mean "nhsNumber"?')]);
    expect(report.stats).toMatchObject({ records: 3, valid: 3, findings: 1 });
    expect(report.valid).toBe(false);
  });

  it('reports an unknown column once, with no suggestion when nothing is close', async () => {
    const report = await csv('id,favouriteColour\na,blue\nb,red\n');
    expect(report.findings).toEqual([err(0, 0, '', 'unknown-column', 'column 2 "favouriteColour" is not a field of this standard')]);
  });

  it('reports a missing required column once; the rows are not told again, but they still fail', async () => {
    const report = await csv('age,name\n1,Jo\n2,Al\n');
    expect(report.findings).toEqual([err(0, 0, '', 'missing-column', 'the header has no column "id", which every record must have')]);
    expect(report.stats).toMatchObject({ records: 2, valid: 0, invalid: 2, findings: 1 });
  });

  it('a misspelt required column is one finding (not also a missing one)', async () => {
    const report = await csv('ID,age\na,1\nb,2\n');
    expect(report.findings).toEqual([err(0, 0, '', 'misspelt-column', 'column 1 "ID" is not a field of this standard; did you mean "id"?')]);
    expect(report.stats).toMatchObject({ records: 2, valid: 0, invalid: 2 });
  });

  it('columns that are fields in another case are one finding, not one per column, and not missing', async () => {
    const report = await csv('ID,AGE,Name\na,1,Jo\n');
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'misspelt-column',
        `3 columns (1-3) are this standard's field names in another case (column 1 "ID" is "id"): names are matched exactly, so write each as the standard spells it`,
      ),
    ]);
    expect(report.stats).toMatchObject({ records: 1, valid: 0, invalid: 1 });
  });

  describe('a header written in one other style (Title Case, spaces for underscores)', () => {
    const snake = compile({
      type: 'object',
      properties: {
        nhs_number: { type: 'string' },
        date_of_birth: { type: 'string', format: 'date' },
        site_code: { type: 'string' },
        vaccine_product: { type: 'string' },
      },
      required: ['nhs_number', 'date_of_birth'],
      additionalProperties: false,
    });

    it('is one finding saying how, with two examples, and a column misspelt besides keeps its own', async () => {
      const report = await csv('Nhs Number,Date Of Birth,Site Code,Vaccine Prodct\n9434765919,2020-01-01,RH802,x\n9434765919,2020-01-02,RH802,y\n', snake);
      expect(report.findings.map((f) => [f.rule, f.message])).toEqual([
        [
          'misspelt-column',
          `3 columns (1-3) are this standard's field names written another way: in Title Case with spaces between words, where the standard writes lower case with underscores between words (column 1 "Nhs Number" is "nhs_number", column 2 "Date Of Birth" is "date_of_birth"): names are matched exactly, so write each as the standard spells it`,
        ],
        ['misspelt-column', 'column 4 "Vaccine Prodct" is not a field of this standard; did you mean "vaccine_product"?'],
      ]);
      // the rows fail (their required fields have no column) but are not each told so: the header's finding says it
      expect(report.stats).toMatchObject({ records: 2, valid: 0, invalid: 2, findings: 2 });
    });

    it('names the other separators and case it finds: hyphens, nothing between words, camelCase', async () => {
      const hyphens = await csv('NHS-NUMBER,DATE-OF-BIRTH\n9434765919,2020-01-01\n', snake);
      expect(hyphens.findings[0]!.message).toContain(
        'written another way: in capitals with hyphens between words, where the standard writes lower case with underscores between words',
      );
      const camel = await csv('nhsNumber,dateOfBirth\n9434765919,2020-01-01\n', snake);
      expect(camel.findings[0]!.message).toContain('written another way: in camelCase, where the standard writes lower case with underscores between words');
      // a camelCase standard's names in Title Case, as a spreadsheet's headings
      const camelStandard = compile({
        type: 'object',
        properties: { nhsNumber: { type: 'string' }, dateOfBirth: { type: 'string' } },
        additionalProperties: false,
      });
      const titled = await csv('Nhs Number,Date Of Birth\n9434765919,2020-01-01\n', camelStandard);
      expect(titled.findings.map((f) => f.message)).toEqual([
        `2 columns (1-2) are this standard's field names written another way: in Title Case with spaces between words, where the standard writes camelCase (column 1 "Nhs Number" is "nhsNumber", column 2 "Date Of Birth" is "dateOfBirth"): names are matched exactly, so write each as the standard spells it`,
      ]);
      // no one style: said so, still one finding
      const mixed = await csv('Nhs Number,date-of-birth\n9434765919,2020-01-01\n', snake);
      expect(mixed.findings.map((f) => f.message)).toEqual([
        `2 columns (1-2) are this standard's field names written another way: in another case, or with other characters between words, than the standard's (column 1 "Nhs Number" is "nhs_number", column 2 "date-of-birth" is "date_of_birth"): names are matched exactly, so write each as the standard spells it`,
      ]);
    });

    it('under an exact header, is its one header finding, and the rows are read by name in the same pass', async () => {
      const exact = compile({
        type: 'object',
        'x-csv': { delimiter: '|', header: 'exact' },
        properties: { NHS_NUMBER: { type: 'string' }, DATE_AND_TIME: { type: 'string' }, DOSE: { type: 'integer', maximum: 9 } },
        required: ['NHS_NUMBER', 'DATE_AND_TIME'],
        additionalProperties: false,
      });
      const report = await csv('Nhs Number|Date And Time|Dose\n9434765919|20240101T10000000|1\n9434765919||12\n', exact);
      expect(report.findings.map((f) => [f.record, f.path, f.rule, f.message])).toEqual([
        [
          0,
          '',
          'header-order',
          `the header must be this standard's 3 columns, in order and spelt exactly: every column is there and in order, but 3 of the names are written another way: in Title Case with spaces between words, where the standard writes capitals with underscores between words: column 1 is "Nhs Number" where "NHS_NUMBER" is expected`,
        ],
        [2, '/DATE_AND_TIME', 'required', 'missing required field "DATE_AND_TIME"'],
        [2, '/DOSE', 'maximum', expect.stringMatching(/^must be at most 9/)],
      ]);
      expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    });
  });

  it('a field required only under a condition, its column misspelt or in another case, is not missing on every row', async () => {
    // A CLD header in lower case: `eventType` is required of Request rows only (an if/then), so each such
    // row said it was missing after the header's finding had named its column already.
    const conditional = compile({
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, kind: { enum: ['A', 'B'] }, eventType: { type: 'string' }, eventDate: { type: 'string' } },
      if: { properties: { kind: { const: 'A' } }, required: ['kind'] },
      then: { properties: { eventType: true, eventDate: true }, required: ['eventType', 'eventDate'] },
    });
    const recased = await csv('id,kind,EVENTTYPE,EVENTDATE\na,A,x,2024-01-01\nb,B,x,2024-01-01\nc,A,y,2024-01-02\n', conditional);
    expect(recased.findings.map((f) => f.rule)).toEqual(['misspelt-column']);
    expect(recased.findings[0]!.message).toMatch(/EVENTTYPE.*eventType/);
    expect(recased.stats).toMatchObject({ records: 3, valid: 1, invalid: 2, findings: 1 });
    const misspelt = await csv('id,kind,event_type,eventDate\na,A,x,2024-01-01\nb,B,x,2024-01-01\n', conditional);
    expect(misspelt.findings.map((f) => f.rule)).toEqual(['misspelt-column']);
    expect(misspelt.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 1 });
    // a conditional field the header lacks altogether is still told on each row that needs it
    const absent = await csv('id,kind,eventDate\na,A,2024-01-01\nb,B,2024-01-01\n', conditional);
    expect(absent.findings.map((f) => [f.record, f.rule, f.path])).toEqual([[1, 'required', '/eventType']]);
  });

  it('a header name holding U+FFFD or a no-break space still gets its did you mean', async () => {
    const report = await csv('id,nhs\uFFFDnumber,a\u00A0ge\na,9434765919,1\n');
    expect(report.findings).toEqual([
      err(0, 0, '', 'misspelt-column', 'column 2 "nhs\uFFFDnumber" is not a field of this standard; did you mean "nhsNumber"?'),
      err(0, 0, '', 'misspelt-column', 'column 3 "a\u00A0ge" is not a field of this standard; did you mean "age"?'),
    ]);
  });

  it('an open record schema takes any column', async () => {
    const report = await csv('id,anything\na,b\n', compile({ type: 'object', properties: { id: { type: 'string' } } }));
    expect(report.findings).toEqual([]);
  });

  const LIST_SEPARATOR = (to: string) =>
    `from Excel, set the list separator to ${to} (Windows: Control Panel > Region > Additional settings > List separator) and save as CSV again, or save it from LibreOffice Calc as "Text CSV" with "Edit filter settings" ticked and ${to} as the field delimiter`;
  const EXCEL_SEMICOLONS = ` (Excel writes a CSV file with the computer's list separator, which is ; where the comma is the decimal mark)`;
  for (const [name, delimiter, shown, step] of [
    // Excel where the comma is the decimal mark writes semicolons: the step is that setting, or a program that asks
    ['semicolons', ';', ';', `${EXCEL_SEMICOLONS}: ${LIST_SEPARATOR(',')}`],
    ['tabs', '\t', 'tab', ': from Excel, save as "CSV UTF-8 (Comma delimited)"'],
    ['pipes', '|', '|', ': from Excel, save as "CSV UTF-8 (Comma delimited)"'],
  ] as const) {
    it(`names a file delimited by ${name}, and the practical step`, async () => {
      const text = ['id', 'age', 'name'].join(delimiter) + '\n' + ['a', '1', 'Jo'].join(delimiter) + '\n';
      await expect(csv(text)).rejects.toMatchObject({
        code: 'csv-header',
        message: `the file seems to separate its columns with ${name} (${shown}), but this standard's CSV uses commas (,) and no other delimiter; save it with commas between values${step}`,
      });
    });
  }

  it('tells a semicolon file for a pipe or tab standard how to get that delimiter from Excel', async () => {
    const piped = compile({ type: 'object', 'x-csv': { delimiter: '|' }, properties: { id: { type: 'string' }, age: { type: 'integer' } } });
    await expect(csv('id;age\na;1\n', piped)).rejects.toMatchObject({
      message: `the file seems to separate its columns with semicolons (;), but this standard's CSV uses pipes (|) and no other delimiter; save it with pipes between values${EXCEL_SEMICOLONS}: ${LIST_SEPARATOR('|')}`,
    });
    const tabbed = compile({ type: 'object', 'x-csv': { delimiter: '\t' }, properties: { id: { type: 'string' }, age: { type: 'integer' } } });
    await expect(csv('id;age\na;1\n', tabbed)).rejects.toMatchObject({
      message: `the file seems to separate its columns with semicolons (;), but this standard's CSV uses tabs (tab) and no other delimiter; save it with tabs between values: from Excel, save as "Text (Tab delimited)"`,
    });
  });

  it('suggests only names close to a field', () => {
    expect(suggestField('nhs_number', ['nhsNumber', 'id'])).toBe('nhsNumber');
    expect(suggestField('PERSON_SURNME', ['PERSON_SURNAME', 'PERSON_FORENAME'])).toBe('PERSON_SURNAME');
    expect(suggestField('postcode', ['nhsNumber', 'id'])).toBeUndefined();
    expect(suggestField('9434765919', ['nhsNumber'])).toBeUndefined();
  });
});

describe('CSV dialect (x-csv)', () => {
  const piped = compile({
    type: 'object',
    additionalProperties: false,
    'x-csv': { delimiter: '|', header: 'exact', booleans: 'any-case', quote: '"', lineEndings: 'lf-or-crlf', encoding: 'utf-8-or-windows-1252' },
    required: ['A', 'B'],
    properties: { A: { type: 'string' }, B: { type: 'boolean' }, C: { type: 'string', maxLength: 3 } },
  });

  it('reads the declared delimiter, quoted or not, and booleans in any case', async () => {
    const report = await csv('A|B|C\nx|tRuE|"a|b"\n"y"|FALSE|\n', piped);
    expect(report.findings).toEqual([]);
    expect(report.stats).toMatchObject({ records: 2, valid: 2 });
  });

  it('an exact header: reordered columns are one finding naming the first difference', async () => {
    const report = await csv('A|C|B\nx|a|true\ny|b|false\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order: column 2 is "C" where "B" is expected`,
      ),
    ]);
  });

  it('an exact header in another case is one finding saying only the case differs, not one per column', async () => {
    const report = await csv('a|b|C\nx|true|\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there and in order, but 2 of the names are in another case than the standard's (upper and lower case must match): column 1 is "a" where "A" is expected`,
      ),
    ]);
    expect(report.valid).toBe(false);
  });

  it('an exact header reordered and in another case is one finding saying both', async () => {
    const report = await csv('b|a|c\ntrue|x|\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order, and some names are in another case than the standard's (upper and lower case must match): column 1 is "b" where "A" is expected`,
      ),
    ]);
  });

  const CASE_ONLY = `the header must be this standard's 3 columns, in order and spelt exactly: every column is there and in order, but 3 of the names are in another case than the standard's (upper and lower case must match): column 1 is "a" where "A" is expected`;
  const TOO_LONG = 'must be at most 3 characters';
  const NOT_BOOLEAN = 'must be of type boolean; write true or false';

  it('an exact header wrong only in case: its rows are still read by name, their findings in the same pass', async () => {
    const report = await csv('a|b|c\nx|true|abc\ny|maybe|abcd\n', piped);
    expect(report.findings).toEqual([err(0, 0, '', 'header-order', CASE_ONLY), err(2, 3, '/B', 'type', NOT_BOOLEAN), err(2, 3, '/C', 'maxLength', TOO_LONG)]);
    // As under a broken file name: the file fails, and each row is counted by its own findings.
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 3 });
    expect(JSON.stringify(report.findings)).not.toContain('abcd');
  });

  it('an exact header wrong only in order: each row is read by name, its findings in the same pass', async () => {
    const report = await csv('C|A|B\nabc|x|true\nabcd|y|false\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order: column 1 is "C" where "A" is expected`,
      ),
      err(2, 3, '/C', 'maxLength', TOO_LONG),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('an exact header wrong in both case and order: each row is read by name', async () => {
    const report = await csv('b|C|a\nfalse|abc|x\nmaybe|ab|\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order, and some names are in another case than the standard's (upper and lower case must match): column 1 is "b" where "A" is expected`,
      ),
      err(2, 3, '/A', 'required', 'missing required field "A"'),
      err(2, 3, '/B', 'type', NOT_BOOLEAN),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('a byte-order mark and names in another case: the file fails, one finding for each kind of fault, and the rows are read by name', async () => {
    const report = await csv('\uFEFFa|b|c\nx|true|abc\ny|maybe|abcd\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: column 1 is "a" preceded by the byte-order mark (BOM) that begins the file; save the file as UTF-8 without a BOM`,
      ),
      err(0, 0, '', 'header-order', CASE_ONLY),
      err(2, 3, '/B', 'type', NOT_BOOLEAN),
      err(2, 3, '/C', 'maxLength', TOO_LONG),
    ]);
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 4 });
  });

  it('white space around names, and names in another case and order: one finding for each kind of fault, the rows read by name', async () => {
    const report = await csv(' b |C| a\nfalse|abc|x\nmaybe|ab|\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: column 1 is "b" with white space around it, and one more name has white space around it`,
      ),
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order, and some names are in another case than the standard's (upper and lower case must match): column 1 is "b" where "A" is expected`,
      ),
      err(2, 3, '/A', 'required', 'missing required field "A"'),
      err(2, 3, '/B', 'type', NOT_BOOLEAN),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('white space around names in the right case but another order: two findings, the rows read by name', async () => {
    const report = await csv('C | A|B\nabcd|x|true\n', piped);
    expect(report.findings.map((f) => f.message)).toEqual([
      `the header must be this standard's 3 columns, in order and spelt exactly: column 1 is "C" with white space around it, and one more name has white space around it`,
      `the header must be this standard's 3 columns, in order and spelt exactly: every column is there, but not in this standard's order: column 1 is "C" where "A" is expected`,
      TOO_LONG,
    ]);
  });

  it('an exact header with two columns alike but for case keeps its findings, and its rows are not read', async () => {
    const report = await csv('A|a|b\nx|y|maybe\n', piped);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: column 2 is (name not shown) where "B" is expected`,
      ),
      err(
        0,
        0,
        '',
        'unknown-column',
        'column 2 (name not shown: most of the first row is not field names of this standard, so it may be data, or the file may be for another standard) is not a field of this standard',
      ),
      err(0, 0, '', 'misspelt-column', 'column 3 "b" is not a field of this standard; did you mean "B"?'),
    ]);
    // Column 3 is not read: B, required, is left out of the row, which fails with no finding of its own.
    expect(report.stats).toMatchObject({ records: 1, valid: 0, invalid: 1, findings: 3 });
  });

  it('an exact header of fields alike but for case, in another case: which column is which is a guess, so its rows are not read', async () => {
    const twins = compile({
      type: 'object',
      additionalProperties: false,
      'x-csv': { delimiter: '|', header: 'exact' },
      required: ['id', 'ID'],
      properties: { id: { type: 'string', maxLength: 1 }, ID: { type: 'string', maxLength: 1 } },
    });
    const report = await csv('Id|iD\nlong|long\n', twins);
    expect(report.findings).toEqual([
      err(
        0,
        0,
        '',
        'header-order',
        `the header must be this standard's 2 columns, in order and spelt exactly: every column is there and in order, but 2 of the names are in another case than the standard's (upper and lower case must match): column 1 is "Id" where "id" is expected`,
      ),
      err(0, 0, '', 'misspelt-column', 'column 2 "iD" is not a field of this standard; did you mean "ID"?'),
    ]);
    // Neither column is read (so neither cell's length is checked); the row fails with no finding of its own.
    expect(report.stats).toMatchObject({ records: 1, valid: 0, invalid: 1, findings: 2 });
  });

  it('an exact header: a missing optional column is one finding', async () => {
    const report = await csv('A|B\nx|true\n', piped);
    expect(report.findings).toEqual([
      err(0, 0, '', 'header-order', `the header must be this standard's 3 columns, in order and spelt exactly: it ends after column 2, where "C" is expected`),
    ]);
  });

  it('names a comma file when the standard uses pipes', async () => {
    await expect(csv('A,B,C\nx,true,\n', piped)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^the file seems to separate its columns with commas \(,\), but this standard's CSV uses pipes \(\|\) and no other delimiter; save it with pipes between values: from Excel, set the list separator to \| /,
      ),
    });
  });

  it('reads a Windows-1252 file when the dialect allows it', async () => {
    const bytes = Buffer.concat([Buffer.from('A|B|C\nJos'), Buffer.from([0xe9]), Buffer.from('|true|\n')]);
    const report = await run([bytes], piped, { format: 'csv' });
    expect(report.findings).toEqual([]);
    const utf8Only = compile({
      type: 'object',
      'x-csv': { delimiter: '|' },
      properties: { A: { type: 'string' }, B: { type: 'boolean' }, C: { type: 'string' } },
    });
    const strict = await run([bytes], utf8Only, { format: 'csv' });
    expect(strict.findings.map((f) => f.rule)).toEqual(['encoding']);
  });

  it('refuses a dialect the reader does not support when the schema compiles', () => {
    expect(() => compile({ type: 'object', 'x-csv': { delimiter: ':' } })).toThrow(/x-csv|delimiter|must be equal/);
  });
});

describe('a first row of data under an exact header rule', () => {
  it('shows none of it, in the order finding either', async () => {
    const exact = compile({
      type: 'object',
      additionalProperties: false,
      'x-csv': { header: 'exact' },
      properties: { surname: { type: 'string' }, forename: { type: 'string' }, town: { type: 'string' } },
    });
    const report = await run(['PRICE,PEYTON,LEEDS\nA,B,C\n'], exact, { format: 'csv' });
    expect(report.findings.map((f) => f.rule)).toEqual(['header-order', 'unknown-column', 'unknown-column', 'unknown-column']);
    for (const value of ['PRICE', 'PEYTON', 'LEEDS']) expect(JSON.stringify(report)).not.toContain(value);
  });
});

describe('a header of many columns the standard does not have', () => {
  it('still reports every missing required column, first, and names at most 50 unknown columns before one finding for the rest', async () => {
    const version = compile({ ...PERSON_SCHEMA, required: ['id', 'nhsNumber', 'age'] });
    const extra = Array.from({ length: 1000 }, (_, i) => `extra_${i}_col`);
    const report = await csv(`name,${extra.join(',')}\nSmith${',x'.repeat(1000)}\n`, version);
    const files = report.findings.filter((f) => f.record === 0);
    expect(files.slice(0, 3).map((f) => f.message)).toEqual([
      'the header has no column "id", which every record must have',
      'the header has no column "nhsNumber", which every record must have',
      'the header has no column "age", which every record must have',
    ]);
    const unknown = files.filter((f) => f.rule === 'unknown-column');
    expect(unknown).toHaveLength(51);
    // Most of the first row is not field names, so none is shown (it may be data).
    expect(unknown[0]!.message).toBe(
      'column 2 (name not shown: most of the first row is not field names of this standard, so it may be data, or the file may be for another standard) is not a field of this standard',
    );
    expect(unknown.at(-1)!.message).toBe('950 more columns (52-1001) are not fields of this standard');
  });
});

describe('a header of very many columns', () => {
  it('is refused past the most values a record may hold, naming the count, before any column is looked up', async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    await expect(csv(`${names(MAX_RECORD_VALUES + 1)}\n${','.repeat(MAX_RECORD_VALUES)}\n`)).rejects.toMatchObject({
      code: 'csv-header',
      message:
        "the header row (line 1) has 10,001 columns, more than the 10,000 a record may hold; check that the first line is the header and that the file uses this standard's delimiter",
    });
    // At the bound the file is read: its columns are diagnosed as usual.
    const report = await csv(`id,${names(MAX_RECORD_VALUES - 1)}\na${','.repeat(MAX_RECORD_VALUES - 1)}\n`);
    expect(report.stats.records).toBe(1);
    expect(report.findings.at(-1)!.message).toBe('9949 more columns (52-10000) are not fields of this standard');
  });

  it('suggests a field only for the columns it still names one by one: a misspelling after 50 unknown columns is counted with the rest', async () => {
    const unknown = Array.from({ length: 60 }, (_, i) => `zzz_${i}_col`);
    const early = await csv(`id,nhs_number,${unknown.join(',')}\na,9434765919${',x'.repeat(60)}\n`);
    expect(early.findings.find((f) => f.rule === 'misspelt-column')?.message).toBe(
      'column 2 "nhs_number" is not a field of this standard; did you mean "nhsNumber"?',
    );
    const late = await csv(`id,${unknown.join(',')},nhs_number\na${',x'.repeat(60)},9434765919\n`);
    expect(late.findings.some((f) => f.rule === 'misspelt-column')).toBe(false);
    expect(late.findings.at(-1)!.message).toBe('11 more columns (52-62) are not fields of this standard');
  });
});

describe('unnamed columns at the end of the header (a spreadsheet export)', () => {
  const warning = (which: string) =>
    `the header row ends with ${which}, as a spreadsheet saves when cells to the right of the data were once used; they are read as empty, and a row with a value in them is not read: delete those columns`;

  it('are read as empty, with one warning, where the whole file was refused before', async () => {
    // Excel's CSV: a byte-order mark, CRLF, and two empty cells after every row's data, the header's too.
    const text = '\uFEFFid,age,name,,\r\na,1,Jo,,\r\nb,x,Al,,\r\nc,2,,,\r\n';
    const report = await csv(text);
    expect(report.findings).toEqual([
      { ...err(0, 0, '', 'unnamed-columns', warning('2 columns with no name (columns 4 to 5)')), severity: 'warning' },
      err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 2, invalid: 1 });
    const one = await csv('id,age,\r\na,1,\r\nb,2\r\n');
    expect(one.findings).toEqual([{ ...err(0, 0, '', 'unnamed-columns', warning('1 column with no name (column 3)')), severity: 'warning' }]);
    expect(one.stats).toMatchObject({ records: 2, valid: 2 });
  });

  it('make a row with a value under them unreadable, saying which column, and leave a row with more cells than the header one', async () => {
    const report = await csv('id,age,,\na,1,,\nb,2,oops,\nc,3,,,\n');
    expect(report.findings.slice(1)).toEqual([
      err(2, 3, '', 'csv-columns', 'the row has a value in column 3, which the header row does not name'),
      err(3, 4, '', 'csv-columns', 'the row has 5 cells; the header has 4'),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
  });

  it('are still refused between named columns', async () => {
    await expect(csv('id,,age\n')).rejects.toMatchObject({
      code: 'csv-header',
      message: "the header row names no field for column 2: give the column its field's name, or delete it",
    });
  });

  it('are an error under an exact header, told with its other faults at once (a byte-order mark)', async () => {
    const exact = compile({
      type: 'object',
      'x-csv': { header: 'exact', delimiter: '|', cells: 'lenient' },
      properties: { id: { type: 'string' }, dose: { type: 'integer' } },
      additionalProperties: false,
    });
    // Excel's export of a pipe file: a BOM, and an empty cell after every row's data, the header's too
    const report = await csv('\uFEFFid|dose|\r\na|1|\r\nb|x|\r\n', exact);
    expect(report.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      [
        'unnamed-columns',
        'error',
        "the header row ends with 1 column with no name (column 3), as a spreadsheet saves when cells to the right of the data were once used; this standard's header must be exactly its 2 columns: delete those columns",
      ],
      [
        'header-order',
        'error',
        `the header must be this standard's 2 columns, in order and spelt exactly: column 1 is "id" preceded by the byte-order mark (BOM) that begins the file where "id" is expected; save the file as UTF-8 without a BOM`,
      ],
      ['type', 'error', 'must be of type integer; write a whole number in digits, e.g. 3'],
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });
});

describe('a row of delimiters alone (a cleared spreadsheet row)', () => {
  const EMPTY = 'the row has no values, only delimiters, as a spreadsheet saves a row it once used: delete the row';

  it('is one csv-empty-row finding, not a required finding for each required field', async () => {
    const version = compile({ ...PERSON_SCHEMA, required: ['id', 'age', 'name'] });
    const report = await csv('\uFEFFid,age,name,,\r\na,1,Jo,,\r\n,,,,\r\n\r\n,,,,\r\n', version);
    expect(report.findings.filter((f) => f.record > 0)).toEqual([err(2, 3, '', 'csv-empty-row', EMPTY), err(3, 5, '', 'csv-empty-row', EMPTY)]);
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
  });

  it('is read as a row of empty cells under an exact header, as the national pipeline reads it', async () => {
    const exact = compile({ type: 'object', required: ['a'], 'x-csv': { header: 'exact' }, properties: { a: { type: 'string' }, b: { type: 'string' } } });
    const report = await csv('a,b\n,\n', exact);
    expect(report.findings).toEqual([err(1, 2, '/a', 'required', 'missing required field "a"')]);
  });
});

describe('a row of spaces and tabs alone', () => {
  const BLANK = 'the row has no values, only spaces or tabs: delete the row';
  const version = compile({ ...PERSON_SCHEMA, required: ['id', 'age', 'name'] });

  it('with delimiters, is one csv-empty-row finding, not a required or csv-columns finding', async () => {
    const report = await csv('id,age,name\na,1,Jo\n  , \t,\t\n \t,\nb,2,Al\n', version);
    expect(report.findings).toEqual([err(2, 3, '', 'csv-empty-row', BLANK), err(3, 4, '', 'csv-empty-row', BLANK)]);
    expect(report.stats).toMatchObject({ records: 4, valid: 2, invalid: 2 });
  });

  it('in a tab-separated file, is one csv-empty-row finding', async () => {
    const tabs = compile({ ...PERSON_SCHEMA, required: ['id', 'age', 'name'], 'x-csv': { delimiter: '\t' } });
    const report = await csv('id\tage\tname\na\t1\tJo\n  \t  \n\t \t\t\n', tabs);
    expect(report.findings).toEqual([err(2, 3, '', 'csv-empty-row', BLANK), err(3, 4, '', 'csv-empty-row', BLANK)]);
  });

  it('without a delimiter, is no row, as an empty line is, and the lines after it keep their numbers', async () => {
    const report = await csv('id,age,name\n   \n\t\t\r\n \t \na,x,Jo\n', version);
    expect(report.findings).toEqual([err(1, 5, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0')]);
    expect(report.stats.records).toBe(1);
  });

  it('under lenient cells (rows cut as Python cuts them), is one csv-empty-row finding too', async () => {
    const lenient = compile({ ...PERSON_SCHEMA, required: ['id', 'age', 'name'], 'x-csv': { cells: 'lenient' } });
    const report = await csv('id,age,name\na,1,Jo\n   \n', lenient);
    expect(report.findings).toEqual([err(2, 3, '', 'csv-empty-row', BLANK)]);
  });
});
