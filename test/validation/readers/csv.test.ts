import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/validation/errors.js';
import { bytewise, chunked, compile, err, PERSON_SCHEMA, run as runWithRows, timeless, rowsChecked } from '../helpers.js';

/** Runs with the spreadsheet rows checked against the lines and left out (helpers.ts rowsChecked); rows have their own tests in csv.test.ts. */
const run = async (...args: Parameters<typeof runWithRows>) => rowsChecked(await runWithRows(...args));

const person = compile(PERSON_SCHEMA);
const csv = (chunks: (Buffer | string)[], maxRecordBytes?: number) =>
  run(chunks, person, { format: 'csv', ...(maxRecordBytes !== undefined ? { maxRecordBytes } : {}) });

const HEADER = 'id,age,weight,consent,name,address.postcode\n';

/** The records a CSV yields, seen through a schema that accepts anything and reports each field's type. */
async function recordsOf(text: string, schema: Record<string, unknown>): Promise<unknown> {
  const report = await run([text], compile(schema), { format: 'csv' });
  return report;
}

describe('CSV reader', () => {
  it('uses the header row and converts integer, number and boolean cells by the schema type', async () => {
    const report = await csv([HEADER + 'a,12,1.5,true,Jo,SW1A 1AA\nb,0,-2e3,FALSE,,\nc,7,.5,False,,\n']);
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.stats).toMatchObject({ records: 3, valid: 3, invalid: 0, findings: 0 });
  });

  it('leaves text that does not convert as text, so the schema reports it with rule type', async () => {
    const report = await csv([HEADER + 'a,abc,1.5,true,,\nb,1.5,x,yes,,\nc,12,3,1,,\n']);
    expect(report.findings).toEqual([
      err(1, 2, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      err(2, 3, '/age', 'type', 'must be of type integer; it has a decimal point: write a whole number'),
      err(2, 3, '/weight', 'type', 'must be of type number; write a number in digits, with a decimal point for a fraction (e.g. 0.5)'),
      err(2, 3, '/consent', 'type', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'),
      err(3, 4, '/consent', 'type', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 0, invalid: 3 });
  });

  it('builds the record with converted values (an integer column "12" becomes 12)', async () => {
    // const checks the exact value the reader produced, type and all.
    const schema = {
      type: 'object',
      properties: {
        n: { type: 'integer', const: 12 },
        x: { type: 'number', const: 0.25 },
        b: { type: 'boolean', const: true },
        s: { type: 'string', const: '007' },
        address: { type: 'object', properties: { postcode: { type: 'string', const: 'M1 1AE' } }, required: ['postcode'] },
      },
      required: ['n', 'x', 'b', 's', 'address'],
      additionalProperties: false,
    };
    const ok = await recordsOf('n,x,b,s,address.postcode\n12,0.25,TRUE,007,M1 1AE\n', schema);
    expect(ok).toMatchObject({ valid: true, findings: [] });
  });

  it('treats an empty cell as an absent field, so required fires at the field path', async () => {
    const report = await csv([HEADER + ',12,,,,\n"",1,,,,\n']);
    expect(report.findings).toEqual([err(1, 2, '/id', 'required', 'missing required field "id"'), err(2, 3, '/id', 'required', 'missing required field "id"')]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks; the next record starts on the right line', async () => {
    const text = HEADER + 'a,1,,,"Smith, ""Jo""",\n"b\nb",2,,,"line 1\r\nline 2\nline 3",\nc,x,,,,\n';
    const report = await csv([text]);
    expect(report.findings).toEqual([
      err(2, 3, '/name', 'maxLength', 'must be at most 20 characters'),
      err(3, 7, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
    const exact = await recordsOf('name,id\n"Smith, ""Jo""","a\nb"\n', {
      type: 'object',
      properties: { name: { type: 'string', const: 'Smith, "Jo"' }, id: { type: 'string', const: 'a\nb' } },
    });
    expect(exact).toMatchObject({ valid: true, findings: [] });
  });

  it('reports too few and too many cells as csv-columns and reads on', async () => {
    const report = await csv([HEADER + 'a,1\nb,1,2,true,n,M1 1AE,extra\nc,x,,,,\n']);
    expect(report.findings).toEqual([
      err(1, 2, '', 'csv-columns', 'the row has 2 cells; the header has 6'),
      err(2, 3, '', 'csv-columns', 'the row has 7 cells; the header has 6'),
      err(3, 4, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 0, invalid: 3 });
  });

  it('reports a stray quote in an unquoted cell as csv-syntax; the good rows after it still validate', async () => {
    const report = await csv([HEADER + 'a,1,,,Jo "JJ" Smith,\nb,2,,,,\nc,x,,,,\n']);
    expect(report.findings).toEqual([
      err(1, 2, '', 'csv-syntax', 'malformed CSV: cell 5 has a quote inside an unquoted value'),
      err(3, 4, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
  });

  it('reports text after a closing quote as csv-syntax', async () => {
    const report = await csv([HEADER + 'a,1,,,"Jo"x,\nb,y,,,,\n']);
    expect(report.findings).toEqual([
      err(1, 2, '', 'csv-syntax', 'malformed CSV: cell 5 has text after its closing quote'),
      err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
  });

  it('reports a quote left open at the end of the file', async () => {
    const report = await csv([HEADER + 'a,1,,,,\nb,2,,,"never closed,\nc,3,,,,\n']);
    expect(report.findings).toEqual([err(2, 3, '', 'csv-syntax', 'malformed CSV: cell 5 opens a quote that is not closed before the end of the file')]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('builds nested objects from dotted headers', async () => {
    const report = await run(['id,address.postcode,address.town\na,Q1 1AA,Leeds\nb,,\nc,LS1 4AP,Leeds\n'], person, { format: 'csv' });
    expect(report.findings).toEqual([
      err(
        1,
        2,
        '/address/postcode',
        'format',
        'must be a valid UK postcode (or a ZZ99 pseudo-postcode); its first part (the outward code, before the last three characters) is not the shape of a postcode district',
      ),
    ]);
    expect(report.stats).toMatchObject({ records: 3, valid: 2, invalid: 1 });
  });

  it('refuses duplicate header names with InputError csv-header', async () => {
    const attempt = run(['id,age,id\na,1,b\n'], person, { format: 'csv' });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(run(['id,age,id\na,1,b\n'], person, { format: 'csv' })).rejects.toMatchObject({
      code: 'csv-header',
      message: 'the header row names "id" twice (columns 1 and 3)',
    });
    // Names are compared as read (spaces around them dropped): never two columns for one field, the last winning.
    await expect(run(['id,age, age \na,1,2\n'], person, { format: 'csv' })).rejects.toMatchObject({
      code: 'csv-header',
      message: 'the header row names "age" twice (columns 2 and 3)',
    });
  });

  it('refuses a header that names both a field and a field inside it, an empty header name, or a malformed header', async () => {
    await expect(run(['id,address,address.town\n'], person, { format: 'csv' })).rejects.toMatchObject({
      code: 'csv-header',
      message: 'the header row names both "address" and "address.town", which is inside it',
    });
    await expect(run(['id,,age\n'], person, { format: 'csv' })).rejects.toMatchObject({
      code: 'csv-header',
      message: "the header row names no field for column 2: give the column its field's name, or delete it",
    });
    await expect(run(['id,a"ge\n'], person, { format: 'csv' })).rejects.toMatchObject({ code: 'csv-header' });
  });

  it('refuses a file whose lines end in CR alone (read as one header row, it was answered with unknown columns and no records)', async () => {
    const message =
      "the header row (line 1) holds a carriage return (CR) that does not end a line: the file's lines seem to end with CR alone; save it with LF or CRLF line endings";
    for (const chunks of [['id,age\ra,1\rb,2\r'], ['id,age\r', 'a,1\r', 'b,2']]) {
      await expect(run(chunks, person, { format: 'csv' })).rejects.toMatchObject({ code: 'csv-header', message });
    }
    // CRLF stays a line end, and a CR inside a quoted data cell is data.
    const report = await run(['id,age\r\na,1\r\n"b\rc",2\r\n'], person, { format: 'csv' });
    expect(report.stats).toMatchObject({ records: 2, valid: 2 });
  });

  it('reports a file with only a header as containing no records', async () => {
    const report = await csv([HEADER]);
    expect(report.findings).toEqual([err(0, 0, '', 'empty', 'the file contains no records')]);
    expect(report.valid).toBe(false);
  });

  it('reports an empty file as having no header and being empty', async () => {
    const report = await csv([]);
    expect(report.findings).toEqual([err(0, 0, '', 'csv-header', 'the file has no header row'), err(0, 0, '', 'empty', 'the file is empty')]);
  });

  it('skips blank lines, keeping line numbers', async () => {
    const report = await csv([HEADER + '\na,1,,,,\n\n\nb,x,,,,\n\n']);
    expect(report.findings).toEqual([err(2, 6, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0')]);
    expect(report.stats.records).toBe(2);
  });

  it('counts runs of empty lines (LF and CRLF) at the start, between rows and across chunks, whole or byte by byte', async () => {
    const text = '\n\r\n' + HEADER + '\n\n\r\n\na,1,,,,\r\n\r\n\n\nb,x,,,,\n' + '\n'.repeat(5000) + 'c,y,,,,';
    for (const chunks of [[text], bytewise(Buffer.from(text)), chunked(Buffer.from(text), 7)]) {
      const report = await csv(chunks);
      expect(report.findings).toEqual([
        err(2, 12, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
        err(3, 5013, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      ]);
      expect(report.stats.records).toBe(3);
    }
  });

  it('accepts CRLF line ends and a final row with no line end', async () => {
    const report = await csv([HEADER.replace('\n', '\r\n') + 'a,1,,,,\r\nb,x,,true,,M1 1AE']);
    expect(report.findings).toEqual([err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0')]);
    expect(report.stats.records).toBe(2);
  });

  it('reports a row that is not UTF-8 as rule encoding', async () => {
    const bytes = Buffer.concat([Buffer.from(HEADER + 'a,1,,,caf'), Buffer.from([0xe9]), Buffer.from(',\nb,x,,,,\n')]);
    const report = await csv([bytes]);
    expect(report.findings).toEqual([
      err(1, 2, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
      err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
  });

  it('cannot hold an unpaired surrogate: one encoded as bytes (ED A0 80) is not UTF-8, and the text \\ud800 is six characters, no escape', async () => {
    const bytes = Buffer.concat([Buffer.from(HEADER + 'a,1,,,x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(',\nb,1,,,\\ud800,\n')]);
    const report = await csv([bytes]);
    expect(report.findings).toEqual([err(1, 2, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8')]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('reads the character U+FFFD (EF BF BD) in a header and a row as UTF-8: no encoding finding, whole or cut anywhere', async () => {
    const text = 'id,age,\uFFFDnote\na\uFFFD,1,x\nb,x,\uFFFD\n';
    const same = 'id,age,énote\naé,1,x\nb,x,é\n';
    for (const chunks of [[text], bytewise(text)]) {
      const report = await csv(chunks);
      // The same verdicts as the file with é in place of each U+FFFD: the rows are validated, not refused.
      const verdicts = (r: typeof report) => [r.valid, r.stats.valid, r.stats.invalid, r.findings.map((f) => [f.record, f.line, f.path, f.rule])];
      expect(verdicts(report)).toEqual(verdicts(await csv([same])));
      expect(report.findings.map((f) => f.rule)).toEqual(['unknown-column', 'type']);
      expect(report.findings[1]).toEqual(err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'));
    }
  });

  it('still reports a byte that is not UTF-8 next to a real U+FFFD, in a row and in the header', async () => {
    const bad = Buffer.from([0xe9]);
    const rows = Buffer.concat([Buffer.from('id,age\na\uFFFD,1\nb'), bad, Buffer.from('\uFFFD,2\nc,x\n')]);
    for (const chunks of [[rows], bytewise(rows)]) {
      expect((await csv(chunks)).findings).toEqual([
        err(2, 3, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
        err(3, 4, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      ]);
    }
    const header = Buffer.concat([Buffer.from('id,\uFFFDa'), bad, Buffer.from('ge\na,1\n')]);
    for (const chunks of [[header], bytewise(header)]) {
      await expect(csv(chunks)).rejects.toThrow(new InputError('csv-header', 'the header row is not valid UTF-8; save the file as UTF-8'));
    }
  });

  it('reports a row larger than maxRecordBytes and reads on', async () => {
    const text = HEADER + `a,1,,,${'x'.repeat(200)},\nb,x,,,,\n`;
    for (const chunks of [[text], bytewise(text)]) {
      const report = await csv(chunks, 100);
      expect(report.findings).toEqual([
        err(1, 2, '', 'record-too-large', 'the row is larger than the record size limit'),
        err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      ]);
    }
  });

  it('skips the rest of an oversized row to its line end even past a quote, so the next rows are read', async () => {
    const text = HEADER + `a,1,,,${'x'.repeat(200)},"unbalanced\nb,x,,,,\nc,2,,,,\n`;
    for (const chunks of [[text], bytewise(text)]) {
      const report = await csv(chunks, 100);
      expect(report.findings).toEqual([
        err(1, 2, '', 'record-too-large', 'the row is larger than the record size limit'),
        err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      ]);
      expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
    }
  });

  it('recovers from an unclosed quote that runs past the size limit', async () => {
    const text = HEADER + `"a,1,,,${'x'.repeat(200)},\nb,x,,,,\nc,2,,,,\n`;
    const report = await csv([text], 100);
    expect(report.findings).toEqual([
      err(1, 2, '', 'record-too-large', 'the row is larger than the record size limit'),
      err(2, 3, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
    ]);
  });

  it('gives the same report whatever the chunk boundaries', async () => {
    const text = Buffer.from(
      '\uFEFF' + HEADER.replace('\n', '\r\n') + 'a,12,,,"é, ""😀""\r\nnext",\r\n"b",x,,,,\r\nc,1,,,bad"quote,\r\n,1,2\r\nd,1,,,,ZZ99 3VZ\r\n"e,1,,,,\r\n',
    );
    const whole = timeless(await csv([text]));
    expect(timeless(await csv(bytewise(text)))).toEqual(whole);
    expect(timeless(await csv(chunked(text, 3)))).toEqual(whole);
    expect(whole.findings).toEqual([
      err(2, 4, '/age', 'type', 'must be of type integer; write a whole number in digits, at least 0'),
      err(3, 5, '', 'csv-syntax', 'malformed CSV: cell 5 has a quote inside an unquoted value'),
      err(4, 6, '', 'csv-columns', 'the row has 3 cells; the header has 6'),
      err(6, 8, '', 'csv-syntax', 'malformed CSV: cell 1 opens a quote that is not closed before the end of the file'),
    ]);
    expect(whole.stats).toMatchObject({ records: 6, valid: 2, invalid: 4 });
  });

  it('gives the same report for gzip-compressed input, apart from gzip and compressedBytes', async () => {
    const text = Buffer.from(HEADER + 'a,12,,,,\nb,x,,,,\n,1,,,,SW1A 1AC\n');
    const plain = timeless(await csv([text]));
    const zipped = gzipSync(text);
    for (const chunks of [[zipped], bytewise(zipped)]) {
      const gz = timeless(await csv(chunks));
      expect(gz).toEqual({ ...plain, gzip: true, stats: { ...plain.stats, compressedBytes: zipped.length } });
    }
    expect(plain.gzip).toBe(false);
    expect(plain.stats.bytes).toBe(text.length);
    expect(plain.findings).toHaveLength(3);
  });

  it('refuses corrupt gzip with InputError corrupt-gzip', async () => {
    const zipped = gzipSync(Buffer.from(HEADER + 'a,1,,,,\n'.repeat(50)));
    const truncated = zipped.subarray(0, zipped.length - 10);
    await expect(csv([truncated])).rejects.toMatchObject({ name: 'InputError', code: 'corrupt-gzip' });
  });

  it('refuses a UTF-16 file with InputError encoding', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER + 'a,1,,,,\n', 'utf16le')]);
    await expect(csv([utf16])).rejects.toMatchObject({ name: 'InputError', code: 'encoding', message: 'the file is UTF-16 encoded; save it as UTF-8' });
    await expect(csv(bytewise(utf16))).rejects.toMatchObject({ code: 'encoding' });
  });

  it('never writes through __proto__ or constructor headers onto Object.prototype', async () => {
    const open = compile({ type: 'object' });
    for (const header of ['__proto__.polluted', 'constructor.prototype.polluted']) {
      const report = await run([`id,${header}\na,yes\n`], open, { format: 'csv' });
      expect(report.findings).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    }
    const strict = await run(['id,__proto__.polluted,constructor.prototype.polluted\na,yes,yes\n'], person, { format: 'csv' });
    expect(strict.findings).toEqual([
      // two of three header cells are not fields, so the first row may be data: their names are not shown
      err(
        0,
        0,
        '',
        'unknown-column',
        'column 2 (name not shown: most of the first row is not field names of this standard, so it may be data, or the file may be for another standard) is not a field of this standard',
      ),
      err(
        0,
        0,
        '',
        'unknown-column',
        'column 3 (name not shown: most of the first row is not field names of this standard, so it may be data, or the file may be for another standard) is not a field of this standard',
      ),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('CSV reader: lenient cells are read as Python reads them; other dialects are unchanged', () => {
  const lenient = {
    type: 'object',
    'x-csv': { delimiter: '|', header: 'exact', cells: 'lenient' },
    properties: { id: { type: 'string' }, dose: { type: 'integer' }, amount: { type: 'number' } },
    additionalProperties: false,
  };
  const strict = { ...lenient, 'x-csv': { delimiter: '|', header: 'exact' } };
  const open = { type: 'object', properties: lenient.properties };
  const summary = (report: Awaited<ReturnType<typeof run>>) => report.findings.map((f) => `${f.record}:${f.path}:${f.rule}`);

  it('numbers as int() and Decimal() read them: white space around, a + sign, _ between digits', async () => {
    const text = 'id|dose|amount\na| 1 |+0.5\nb|+2|1_000.25\nc|1_0| 2 \nd|1.0|NaN\ne| |Infinity\n';
    const report = await run([text], compile(lenient), { format: 'csv' });
    // 1.0 is no int, NaN and Infinity no finite number, a space no number at all
    expect(summary(report)).toEqual(['4:/dose:type', '4:/amount:type', '5:/dose:type', '5:/amount:type']);
    // 1_0 is int 10: a number (the schema's range, not the reader, judges it)
    const ranged = await run([text], compile({ ...lenient, properties: { ...lenient.properties, dose: { type: 'integer', maximum: 9 } } }), { format: 'csv' });
    expect(summary(ranged)).toContain('3:/dose:maximum');
  });

  it('numbers as int() and Decimal() read them: any Unicode decimal digit is its digit, other numerals are text', async () => {
    const schema = { ...lenient, properties: { ...lenient.properties, dose: { type: 'integer', const: 12 }, amount: { type: 'number', const: 1.5 } } };
    // fullwidth, Arabic-Indic, Devanagari, mathematical double-struck (a run of ten after another), mixed with ASCII
    const text = 'id|dose|amount\na|１２|１.５\nb|١٢|١.٥\nc|१२|१.५\nd|𝟙𝟚|𝟙.𝟝\ne|1２|+1_٥e-1\n'; // e: mixed with ASCII; +1_5e-1 is 1.5
    expect(summary(await run([text], compile(schema), { format: 'csv' }))).toEqual([]);
    // superscripts, fractions and Roman numerals are numerals but not decimal digits: int() refuses them
    const others = await run(['id|dose|amount\na|¹²|½\nb|Ⅻ|1.５x\n'], compile(lenient), { format: 'csv' });
    expect(summary(others)).toEqual(['1:/dose:type', '1:/amount:type', '2:/dose:type', '2:/amount:type']);
    // without lenient cells they stay text
    expect(summary(await run(['id|dose|amount\na|１２|１.５\n'], compile(strict), { format: 'csv' }))).toEqual(['1:/dose:type', '1:/amount:type']);
  });

  it('without lenient cells, numbers are plain: " 1", "+2" and "1_000" stay text', async () => {
    for (const schema of [strict, open]) {
      const report = await run(['id|dose|amount\na| 1 |+0.5\nb|+2|1_000\n'.replace(/\|/g, schema === open ? ',' : '|')], compile(schema), { format: 'csv' });
      expect(summary(report)).toEqual(['1:/dose:type', '1:/amount:type', '2:/dose:type', '2:/amount:type']);
    }
  });

  it('quotes as Python reads them: a quote inside an unquoted cell and text after a closing quote are text', async () => {
    const schema = { ...lenient, properties: { id: { type: 'string' }, name: { type: 'string', enum: ['A"B', 'AB', 'A\\"B'] } } };
    const report = await run(['id|name\na|A"B\nb|"A"B\nc|A\\"B\n'], compile(schema), { format: 'csv' });
    expect(report.findings).toEqual([]);
    const strictReport = await run(['id,name\na,A"B\nb,"A"B\n'], compile({ ...schema, 'x-csv': undefined }), { format: 'csv' });
    expect(summary(strictReport)).toEqual(['1::csv-syntax', '2::csv-syntax']);
  });

  it('a line of spaces is a row with lenient cells (Python skips only empty lines), and blank without', async () => {
    const text = 'id|dose|amount\na|1|1\n  \n\nb|2|2\n';
    const lenientReport = await run([text], compile(lenient), { format: 'csv' });
    expect(lenientReport.stats).toMatchObject({ records: 3, valid: 3 });
    expect(lenientReport.findings.map((f) => f.rule)).toEqual(['csv-columns']);
    const strictReport = await run([text], compile(strict), { format: 'csv' });
    expect(strictReport.stats).toMatchObject({ records: 2, valid: 2 });
    expect(strictReport.findings).toEqual([]);
  });

  it('a line holding only "" is a row of one empty cell with lenient cells (Python counts it, so later rows keep its numbers), and blank without', async () => {
    const schema = { ...lenient, required: ['id'] };
    for (const text of ['id|dose|amount\na|1|1\n""\nb|2|2\n', 'id|dose|amount\r\na|1|1\r\n""\r\nb|2|2\r\n""']) {
      for (const chunks of [[text], bytewise(Buffer.from(text))]) {
        const report = await run(chunks, compile(schema), { format: 'csv' });
        const last = text.endsWith('""') ? [`4:5:/id:required`] : [];
        expect(report.findings.filter((f) => f.record > 0).map((f) => `${f.record}:${f.line}:${f.path}:${f.rule}`)).toEqual(['2:3:/id:required', ...last]);
        expect(report.stats).toMatchObject({ records: 3 + last.length, valid: 2 });
      }
    }
    // the default dialect, and an exact one without lenient cells: a line of "" is no row, as before
    const plain = await run(['id,dose,amount\na,1,1\n""\nb,2,2\n'], compile({ ...open, required: ['id'] }), { format: 'csv' });
    expect(plain.stats).toMatchObject({ records: 2, valid: 2 });
    expect(plain.findings).toEqual([]);
    const exact = await run(['id|dose|amount\na|1|1\n""\nb|2|2\n'], compile({ ...strict, required: ['id'] }), { format: 'csv' });
    expect(exact.stats).toMatchObject({ records: 2, valid: 2 });
    expect(exact.findings).toEqual([]);
  });

  it('a lone CR ends a row with lenient cells, as Python reads a file opened with newline="" (in any chunks)', async () => {
    const text = 'id|dose|amount\ra|1|1\rb|2|"2"\r\nc|3|3\r';
    for (const chunks of [[text], bytewise(Buffer.from(text))]) {
      const report = await run(chunks, compile(lenient), { format: 'csv' });
      expect(report.findings).toEqual([]);
      expect(report.stats).toMatchObject({ records: 3, valid: 3 });
    }
    // without lenient cells a lone CR is no line end: the file is one header row, as before
    await expect(run([text], compile(strict), { format: 'csv' })).rejects.toMatchObject({ code: 'csv-header' });
  });

  it('an exact header is compared as written: a byte-order mark or white space around a name breaks it', async () => {
    const bom = await run([Buffer.from('\uFEFFid|dose|amount\na|1|1\n')], compile(lenient), { format: 'csv' });
    expect(bom.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'header-order',
        `the header must be this standard's 3 columns, in order and spelt exactly: column 1 is "id" preceded by the byte-order mark (BOM) that begins the file where "id" is expected; save the file as UTF-8 without a BOM`,
      ],
    ]);
    const spaced = await run(['id| dose|amount\na|1|1\n'], compile(lenient), { format: 'csv' });
    expect(spaced.findings.map((f) => f.message)).toEqual([
      `the header must be this standard's 3 columns, in order and spelt exactly: column 2 is "dose" with white space around it where "dose" is expected`,
    ]);
    // a header in any order reads the names trimmed, a byte-order mark dropped, as before
    const anyOrder = await run([Buffer.from('\uFEFFid, dose ,amount\na,1,1\n')], compile(open), { format: 'csv' });
    expect(anyOrder.findings).toEqual([]);
  });
});

describe('CSV spreadsheet rows', () => {
  // A spreadsheet opens the file with one row per line end outside quotes: an empty line is an empty row,
  // a quoted cell over two lines is one row. A finding's row is that row, whatever came before it.
  const rowsOf = async (text: string, chunks?: (text: string) => (Buffer | string)[]) => {
    const report = await runWithRows(chunks ? chunks(text) : [text], person, { format: 'csv' });
    return report.findings.map((f) => [f.record, f.line, f.row]);
  };

  it('counts empty lines (LF and CRLF runs) as rows and a multi-line cell as one, before and after the record', async () => {
    const text =
      'id,age,name\r\n' + // row 1
      '\r\n\r\n' + // rows 2, 3
      'a,x,Jo\r\n' + // row 4, line 4
      'b,1,"two\r\nlines"\r\n' + // row 5, lines 5 and 6
      'c,y,Al\r\n' + // row 6, line 7
      '\n\r\n\n' + // rows 7, 8, 9
      'd,"z\nz\nz",Mo\r\n' + // row 10, lines 11 to 13
      'e,w,"x\r\ny"\r\n' + // row 11, lines 14 and 15
      '\r\n'; // row 12
    const expected = [
      [1, 4, 4],
      [3, 7, 6],
      [4, 11, 10],
      [5, 14, 11],
    ];
    expect(await rowsOf(text)).toEqual(expected);
    expect(await rowsOf(text, bytewise)).toEqual(expected);
    expect(await rowsOf(text, (t) => chunked(t, 5))).toEqual(expected);
  });

  it('counts empty lines before the header, and gives every unreadable row its row too', async () => {
    const text = '\n\nid,age\n\na,1,extra\n"b,2\n';
    expect(await rowsOf(text)).toEqual([
      [1, 5, 5],
      [2, 6, 6],
    ]);
  });

  it('summarises the first lines and rows beside the first records', async () => {
    const report = await runWithRows(['id,age\n\na,x\n\nb,y\n'], person, { format: 'csv' });
    expect(report.summary).toEqual([{ path: '/age', rule: 'type', severity: 'error', count: 2, firstRecords: [1, 2], firstLines: [3, 5], firstRows: [3, 5] }]);
    // A quoted cell over two lines: the row after it is one less than its line, in the summary as in the findings.
    const split = await runWithRows(['id,age\n"a\nb",x\nc,y\n'], person, { format: 'csv' });
    expect(split.summary).toEqual([{ path: '/age', rule: 'type', severity: 'error', count: 2, firstRecords: [1, 2], firstLines: [2, 4], firstRows: [2, 3] }]);
  });
});
