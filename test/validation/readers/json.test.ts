import { describe, it, expect } from 'vitest';
import { bytewise, chunked, compile, err, PERSON_SCHEMA, run, timeless } from '../helpers.js';

/** A JSON number where the field holds text: the message says to send it in quotes (type-hints.ts), never the value. */
const NUMBER_AS_TEXT = 'must be of type string; it is written as a number, but the field holds text: send the value in quotes ("…")';

const person = compile(PERSON_SCHEMA);
const json = (chunks: (Buffer | string)[], maxRecordBytes?: number) =>
  run(chunks, person, { format: 'json', ...(maxRecordBytes !== undefined ? { maxRecordBytes } : {}) });

describe('JSON reader', () => {
  it('reads a single object as one record', async () => {
    const report = await json(['\n\n  {"id": 1,\n "extra": true}\n']);
    expect(report.findings).toEqual([err(1, 3, '/extra', 'additionalProperties', 'is not a field of this standard'), err(1, 3, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(report.stats).toMatchObject({ records: 1, valid: 0, invalid: 1, findings: 2 });
    expect(report.format).toBe('json');
  });

  it('reads a valid single object', async () => {
    const report = await json(['{"id":"a","address":{"postcode":"SW1A 1AA"}}']);
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.stats).toMatchObject({ records: 1, valid: 1, invalid: 0, findings: 0 });
  });

  it('reads an array element by element with the line each element starts on, across many chunks', async () => {
    const text = [
      '[',
      '  {"id": "a"},',
      '  {"id": 2},',
      '  {',
      '    "id": "c",',
      '    "age": -1',
      '  },',
      '  {"id": "d, with ] and } and \\" inside", "name": "[{"},',
      '',
      '  {"address": {"postcode": "Q1 1AA"}}',
      ']',
      '',
    ].join('\n');
    const expected = [
      err(2, 3, '/id', 'type', NUMBER_AS_TEXT),
      err(3, 4, '/age', 'minimum', 'must be at least 0'),
      err(5, 10, '/id', 'required', 'missing required field "id"'),
      err(
        5,
        10,
        '/address/postcode',
        'format',
        'must be a valid UK postcode (or a ZZ99 pseudo-postcode); its first part (the outward code, before the last three characters) is not the shape of a postcode district',
      ),
    ];
    for (const chunks of [[text], bytewise(text), chunked(text, 7)]) {
      const report = await json(chunks);
      expect(report.findings).toEqual(expected);
      expect(report.stats).toMatchObject({ records: 5, valid: 2, invalid: 3, findings: 4, bytes: Buffer.byteLength(text) });
    }
  });

  it('reports a malformed element in the middle and validates the elements after it', async () => {
    const text = '[\n{"id":"a"},\n{"id": "b" "age": 1},\n{"id":3},\n{"id":"d"}\n]';
    const report = await json([text]);
    expect(report.findings).toEqual([
      err(2, 3, '', 'json-syntax', "malformed JSON: expected ',' or '}' (column 12)"),
      err(3, 4, '/id', 'type', NUMBER_AS_TEXT),
    ]);
    expect(report.stats).toMatchObject({ records: 4, valid: 2, invalid: 2 });
  });

  it('reports an array that is not closed, keeping the complete elements', async () => {
    const report = await json(['[\n{"id":"a"},\n{"id":2}\n']);
    expect(report.findings).toEqual([
      err(2, 3, '/id', 'type', NUMBER_AS_TEXT),
      err(0, 0, '', 'json-syntax', "malformed JSON: the array is not closed (no final ']')"),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    expect(report.valid).toBe(false);
  });

  it('reports an element cut off by the end of the file', async () => {
    const report = await json(['[\n{"id":"a"},\n{"id":"b", "name": "unfinished']);
    expect(report.findings).toEqual([
      err(2, 3, '', 'json-syntax', 'malformed JSON: the record is not closed before the end of the file'),
      err(0, 0, '', 'json-syntax', "malformed JSON: the array is not closed (no final ']')"),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('reports content after the closing bracket once', async () => {
    for (const chunks of [['[{"id":"a"}]\n  {"id":"b"}\n[]'], bytewise('[{"id":"a"}]\n  {"id":"b"}\n[]')]) {
      const report = await json(chunks);
      expect(report.findings).toEqual([err(0, 0, '', 'json-syntax', 'malformed JSON: unexpected content after the closing ] of the array')]);
      expect(report.stats).toMatchObject({ records: 1, valid: 1, invalid: 0 });
      expect(report.valid).toBe(false);
    }
  });

  it('reports a comma with no element before it and a comma before the closing bracket', async () => {
    const text = '[,\n{"id":"a"},,\n{"id":2},\n]';
    for (const chunks of [[text], bytewise(text)]) {
      const report = await json(chunks);
      expect(report.findings).toEqual([
        err(0, 0, '', 'json-syntax', 'malformed JSON: a comma with no element before it (line 1)'),
        err(0, 0, '', 'json-syntax', 'malformed JSON: a comma with no element before it (line 2)'),
        err(2, 3, '/id', 'type', NUMBER_AS_TEXT),
        err(0, 0, '', 'json-syntax', 'malformed JSON: a comma before the closing ] of the array (line 4)'),
      ]);
      expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 4 });
      expect(report.valid).toBe(false);
    }
  });

  it('reports two elements with no comma between them as one malformed element', async () => {
    const report = await json(['[{"id":"a"} {"id":"b"},\n{"id":3}]']);
    expect(report.findings).toEqual([
      err(1, 1, '', 'json-syntax', 'malformed JSON: unexpected content after the JSON value (column 12)'),
      err(2, 2, '/id', 'type', NUMBER_AS_TEXT),
    ]);
  });

  it('places an error in a record written over several lines at its line and column in the file', async () => {
    const report = await json(['[\n  {"id": "a"},\n  {\n    "id": "b"\n    "age": 1\n  }\n]\n']);
    // The record starts on line 3; "age" (its second member, with no comma before it) is at line 5, column 5.
    expect(report.findings).toEqual([err(2, 3, '', 'json-syntax', "malformed JSON: expected ',' or '}' (line 5, column 5)")]);
  });

  it('says when a file of one JSON value a line is NDJSON, and when records have commas but no brackets', async () => {
    const ndjsonText = '{"id":"a"}\n{"id":"b"}\n';
    const asNdjson = await json([ndjsonText]);
    expect(asNdjson.findings).toEqual([
      err(
        1,
        1,
        '',
        'json-syntax',
        'malformed JSON: unexpected content after the JSON value (line 2, column 1); the file holds one JSON value a line, which is NDJSON, not JSON: send it as NDJSON (named .ndjson or .jsonl, --format ndjson, or Content-Type application/x-ndjson), or put the records in one array, [ first, second ]',
      ),
    ]);
    const commas = await json(['{"id":"a"},\n{"id":"b"}\n']);
    expect(commas.findings).toEqual([
      err(
        1,
        1,
        '',
        'json-syntax',
        'malformed JSON: unexpected content after the JSON value (column 11); a comma follows the first record, but records in a JSON file must be in one array: put them in [ ], or send them as NDJSON, one a line (named .ndjson or .jsonl, --format ndjson, or Content-Type application/x-ndjson)',
      ),
    ]);
    // Two values on one line are not NDJSON's shape: the plain description.
    const oneLine = await json(['{"id":"a"} {"id":"b"}']);
    expect(oneLine.findings).toEqual([err(1, 1, '', 'json-syntax', 'malformed JSON: unexpected content after the JSON value (column 12)')]);
  });

  it('accepts white space after the closing bracket', async () => {
    const report = await json(['[{"id":"a"}]\r\n\t \n']);
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('reports an empty array as containing no records', async () => {
    const report = await json(['[ ]']);
    expect(report.findings).toEqual([err(0, 0, '', 'empty', 'the file contains no records')]);
    expect(report.valid).toBe(false);
  });

  it('reports an empty file', async () => {
    const report = await json([]);
    expect(report.findings).toEqual([err(0, 0, '', 'empty', 'the file is empty')]);
  });

  it('reports non-object elements through the schema', async () => {
    const report = await json(['[1, "two", null, [], {"id":"x"}]']);
    expect(report.findings).toEqual([
      err(1, 1, '', 'type', 'must be of type object'),
      err(2, 1, '', 'type', 'must be of type object'),
      err(3, 1, '', 'type', 'must be of type object'),
      err(4, 1, '', 'type', 'must be of type object'),
    ]);
    expect(report.stats).toMatchObject({ records: 5, valid: 1, invalid: 4 });
  });

  it('reports an element that is not UTF-8 as rule encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"id":"a"},\n{"id":"caf'), Buffer.from([0xe9]), Buffer.from('"},\n{"id":3}]')]);
    const report = await json([bytes]);
    expect(report.findings).toEqual([
      err(2, 2, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
      err(3, 3, '/id', 'type', NUMBER_AS_TEXT),
    ]);
  });

  it('reads the character U+FFFD (EF BF BD) as UTF-8, whole or cut anywhere, and still reports a byte that is not UTF-8 beside it', async () => {
    const text = Buffer.concat([Buffer.from('[{"id":"\uFFFD"},\n{"id":"\uFFFD'), Buffer.from([0xe9]), Buffer.from('"},\n{"id":3}]')]);
    for (const chunks of [[text], bytewise(text)]) {
      expect((await json(chunks)).findings).toEqual([
        err(2, 2, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
        err(3, 3, '/id', 'type', NUMBER_AS_TEXT),
      ]);
    }
  });

  it('reports an element larger than maxRecordBytes and reads on', async () => {
    const big = JSON.stringify({ id: 'x'.repeat(200) });
    const text = `[\n{"id":"a"},\n${big},\n{"id":4}\n]`;
    for (const chunks of [[text], bytewise(text)]) {
      const report = await json(chunks, 50);
      expect(report.findings).toEqual([err(2, 3, '', 'record-too-large', 'the record is larger than 50 bytes'), err(3, 4, '/id', 'type', NUMBER_AS_TEXT)]);
    }
  });

  it('reports a single value larger than maxRecordBytes', async () => {
    const report = await json([JSON.stringify({ id: 'x'.repeat(200) })], 50);
    // Not an array: says what a file of many records must be (an NDJSON file sent as JSON lands here when large).
    expect(report.findings).toEqual([
      err(
        1,
        1,
        '',
        'record-too-large',
        'the record is larger than 50 bytes; the file is one JSON value, not an array: a file of many records must be an array, [ first, second ], or, with one record a line, NDJSON (named .ndjson or .jsonl, --format ndjson, or Content-Type application/x-ndjson)',
      ),
    ]);
  });

  it('gives the same report whatever the chunk boundaries (with a BOM)', async () => {
    const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[\r\n {"id":"é😀"},\r\n {"id": oops},\r\n {"age": 1.5}\r\n]\r\n')]);
    const whole = timeless(await json([text]));
    expect(timeless(await json(bytewise(text)))).toEqual(whole);
    expect(timeless(await json(chunked(text, 5)))).toEqual(whole);
    expect(whole.findings).toEqual([
      err(2, 3, '', 'json-syntax', 'malformed JSON: unexpected character'),
      err(3, 4, '/id', 'required', 'missing required field "id"'),
      err(3, 4, '/age', 'type', 'must be of type integer'),
    ]);
    expect(whole.stats).toMatchObject({ records: 3, valid: 1, invalid: 2, bytes: text.length });
  });
});
