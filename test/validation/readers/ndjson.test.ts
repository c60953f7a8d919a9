import { describe, it, expect, vi } from 'vitest';
import { bytewise, chunked, compile, err, PERSON_SCHEMA, run, timeless } from '../helpers.js';
import { WINDOW_BYTES } from '../../../src/validation/readers/ndjson.js';

/** A JSON number where the field holds text: the message says to send it in quotes (type-hints.ts), never the value. */
const NUMBER_AS_TEXT = 'must be of type string; it is written as a number, but the field holds text: send the value in quotes ("…")';

const person = compile(PERSON_SCHEMA);
const ndjson = (chunks: (Buffer | string)[], maxRecordBytes?: number) =>
  run(chunks, person, { format: 'ndjson', ...(maxRecordBytes !== undefined ? { maxRecordBytes } : {}) });

describe('NDJSON reader', () => {
  it('validates each line as a record, with record and line numbers', async () => {
    const text = '{"id":"a","age":1}\n{"id":"b","age":-1}\n{"age":3}\n';
    const report = await ndjson([text]);
    expect(report.findings).toEqual([err(2, 2, '/age', 'minimum', 'must be at least 0'), err(3, 3, '/id', 'required', 'missing required field "id"')]);
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2, findings: 2, bytes: Buffer.byteLength(text) });
    expect(report.format).toBe('ndjson');
    expect(report.gzip).toBe(false);
    expect(report.valid).toBe(false);
    expect(report.stats.compressedBytes).toBeUndefined();
  });

  it('reports a malformed line as json-syntax at its record and line, and reads on', async () => {
    const report = await ndjson(['{"id":"a"}\n{"id": "b" oops}\n{"id":"c"}\n{"id":5}\n']);
    expect(report.findings).toEqual([
      err(2, 2, '', 'json-syntax', "malformed JSON: expected ',' or '}' (column 12)"),
      err(4, 4, '/id', 'type', NUMBER_AS_TEXT),
    ]);
    expect(report.stats).toMatchObject({ records: 4, valid: 2, invalid: 2, findings: 2 });
  });

  it('says when malformed lines are a JSON array or a record over several lines, and how to send the file', async () => {
    const array = 'send the file as JSON (named .json, --format json, or Content-Type application/json), or remove the brackets and commas';
    const spread = 'send the file as JSON (named .json, --format json, or Content-Type application/json), or write each record on one line';
    const report = await ndjson(['[\n{"id":"a"},\n{"id":"b"}\n]\n{\n"id": "c"\n}\n{"id": "d" oops}\n']);
    const messages = report.findings.map((f) => [f.line, f.message]);
    expect(messages).toEqual([
      [1, expect.stringMatching(/^malformed JSON: the JSON value ends too early; the line looks like part of a JSON array .*NDJSON is one record a line/)],
      [
        2,
        expect.stringContaining(
          `(column 11); the line looks like part of a JSON array (a bracket, or a record followed by a comma), but NDJSON is one record a line with nothing between them: ${array}`,
        ),
      ],
      [4, expect.stringContaining(array)],
      [5, expect.stringMatching(/^malformed JSON: .*; the line looks like part of a record spread over several lines/)],
      [6, expect.stringContaining(spread)],
      [7, expect.stringContaining(spread)],
      // A line with no such shape keeps the plain description.
      [8, "malformed JSON: expected ',' or '}' (column 12)"],
    ]);
    // Line 3 is a whole record: read and validated.
    expect(report.stats).toMatchObject({ records: 8, valid: 1, invalid: 7 });
  });

  it('skips blank and white-space lines but keeps counting lines', async () => {
    const report = await ndjson(['\n{"id":"a"}\n\n   \n\t\n{"id":1}\n\n']);
    expect(report.findings).toEqual([err(2, 6, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('counts runs of blank lines within and across chunks, and before a line split between chunks', async () => {
    const report = await ndjson(['\n\n\n{"id":"a"}\n\n\n', '\n\n{"id":1}\n\n\n{"id"', ':2}\n\n\n\n', '\n', '{"id":"d"}']);
    expect(report.findings).toEqual([err(2, 9, '/id', 'type', NUMBER_AS_TEXT), err(3, 12, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(report.stats).toMatchObject({ records: 4, valid: 2, invalid: 2 });
  });

  it('reads a body of a million blank lines as no records, counting every line', async () => {
    const report = await ndjson([Buffer.alloc(1_000_000, 10), '{"id":7}']);
    expect(report.findings).toEqual([err(1, 1_000_001, '/id', 'type', NUMBER_AS_TEXT)]);
  });

  it('accepts CRLF line ends, with and without a final line end', async () => {
    const crlf = await ndjson(['{"id":"a"}\r\n\r\n{"id":1}\r\n{"id":"c"}']);
    expect(crlf.findings).toEqual([err(2, 3, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(crlf.stats).toMatchObject({ records: 3, valid: 2, invalid: 1 });
  });

  it('reads a final line with no line end', async () => {
    const report = await ndjson(['{"id":"a"}\n{"id":2}']);
    expect(report.findings).toEqual([err(2, 2, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(report.stats.records).toBe(2);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const report = await ndjson([Buffer.concat([bom, Buffer.from('{"id":"a"}\n{"id":"b"}\n')])]);
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.stats.records).toBe(2);
  });

  it('drops a UTF-8 byte-order mark that arrives split across chunks', async () => {
    const report = await ndjson([Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf]), '{"id":"a"}\n']);
    expect(report.findings).toEqual([]);
    expect(report.stats.records).toBe(1);
  });

  it('reports a line that is not UTF-8 (a Latin-1 é) as rule encoding, and reads on', async () => {
    const latin1 = Buffer.concat([Buffer.from('{"id":"a"}\n{"id":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"id":7}\n')]);
    const report = await ndjson([latin1]);
    expect(report.findings).toEqual([
      err(2, 2, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
      err(3, 3, '/id', 'type', NUMBER_AS_TEXT),
    ]);
  });

  it('accepts multi-byte UTF-8 split across chunks (and a real U+FFFD)', async () => {
    const text = '{"id":"café \uFFFD 😀"}\n';
    const report = await ndjson(bytewise(text));
    expect(report.findings).toEqual([]);
    expect(report.stats.records).toBe(1);
  });

  it('reports an empty file as a file finding, valid false', async () => {
    const report = await ndjson([]);
    expect(report.findings).toEqual([err(0, 0, '', 'empty', 'the file is empty')]);
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 0, valid: 0, invalid: 0, findings: 1, bytes: 0 });
    expect(report.summary).toEqual([{ path: '', rule: 'empty', severity: 'error', count: 1, firstRecords: [0], firstLines: [0] }]);
  });

  it('reports a file of blank lines as containing no records', async () => {
    const report = await ndjson(['\n\n  \n']);
    expect(report.findings).toEqual([err(0, 0, '', 'empty', 'the file contains no records')]);
    expect(report.valid).toBe(false);
  });

  it('reports a line longer than maxRecordBytes as record-too-large (one chunk)', async () => {
    const long = JSON.stringify({ id: 'x'.repeat(100) });
    const report = await ndjson([`{"id":"a"}\n${long}\n{"id":3}\n`], 40);
    expect(report.findings).toEqual([err(2, 2, '', 'record-too-large', 'the line is longer than 40 bytes'), err(3, 3, '/id', 'type', NUMBER_AS_TEXT)]);
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
  });

  it('reports a line longer than maxRecordBytes as record-too-large (across chunks, and as the last line)', async () => {
    const long = JSON.stringify({ id: 'x'.repeat(100) });
    const report = await ndjson(bytewise(`{"id":"a"}\n${long}\n{"id":3}\n${long}`), 40);
    expect(report.findings).toEqual([
      err(2, 2, '', 'record-too-large', 'the line is longer than 40 bytes'),
      err(3, 3, '/id', 'type', NUMBER_AS_TEXT),
      err(4, 4, '', 'record-too-large', 'the line is longer than 40 bytes'),
    ]);
  });

  it('gives the same report whatever the chunk boundaries', async () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`{"id":"a","age":1}\r\n\n{"id": broken\n{"id":"b","name":"${'ü'.repeat(30)}"}\n{"age":-2}\n{"id":"d`),
      Buffer.from([0xe9]),
      Buffer.from('"}\n{"id":"e"}'),
    ]);
    const whole = timeless(await ndjson([text], 64));
    const single = timeless(await ndjson(bytewise(text), 64));
    expect(single).toEqual(whole);
    expect(whole.findings).toEqual([
      err(2, 3, '', 'json-syntax', 'malformed JSON: unexpected character'),
      err(3, 4, '', 'record-too-large', 'the line is longer than 64 bytes'),
      err(4, 5, '/id', 'required', 'missing required field "id"'),
      err(4, 5, '/age', 'minimum', 'must be at least 0'),
      err(5, 6, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'),
    ]);
    expect(whole.stats).toMatchObject({ records: 6, valid: 2, invalid: 4, bytes: text.length });
  });

  it('reads chunks of ASCII lines (decoded whole) and chunks with other characters (line by line) to the same report', async () => {
    const lines = (name: string) => `{"id":"a","age":1}\r\n\n  \n{"id": broken\n{"id":"${'x'.repeat(80)}"}\n{"id":"${name}"}\n{"age":-2}\r\n{"id":"e"}`;
    for (const text of [lines('plain'), lines('Zoë')]) {
      const whole = timeless(await ndjson([text], 64));
      for (const chunks of [chunked(text, 7), chunked(text, 23), chunked(text, 40), bytewise(text)]) expect(timeless(await ndjson(chunks, 64))).toEqual(whole);
      expect(whole.findings).toEqual([
        err(2, 4, '', 'json-syntax', 'malformed JSON: unexpected character'),
        err(3, 5, '', 'record-too-large', 'the line is longer than 64 bytes'),
        err(5, 7, '/id', 'required', 'missing required field "id"'),
        err(5, 7, '/age', 'minimum', 'must be at least 0'),
      ]);
      expect(whole.stats).toMatchObject({ records: 6, valid: 3, invalid: 3 });
    }
  });

  it('reads a chunk of many windows (ASCII, other characters, bad UTF-8, a line longer than a window) as it reads its lines one by one', async () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `{"id":"r${i}","age":${i % 7}}`).join('\n');
    const long = `{"id":"${'y'.repeat(WINDOW_BYTES + 100)}","age":-1}`;
    const text = Buffer.concat([
      Buffer.from(`${filler(4000)}\n{"id":"Zoë","age":-1}\r\n${filler(3000)}\n`),
      Buffer.from('{"id":"'),
      Buffer.from([0xc3, 0x28]), // not UTF-8
      Buffer.from(`"}\n${filler(10)}\n${long}\n\n{"age":2}\n${filler(5000)}\n{"id": broken\n{"id":"last"}`),
    ]);
    expect(text.length).toBeGreaterThan(4 * WINDOW_BYTES);
    const whole = timeless(await ndjson([text], 2 * WINDOW_BYTES));
    const lineByLine = text
      .toString('latin1')
      .split('\n')
      .map((line, i, all) => Buffer.from(i < all.length - 1 ? `${line}\n` : line, 'latin1'));
    expect(timeless(await ndjson(lineByLine, 2 * WINDOW_BYTES))).toEqual(whole);
    expect(whole.findings.map((f) => [f.line, f.rule])).toEqual([
      [4001, 'minimum'],
      [7002, 'encoding'],
      [7013, 'minimum'],
      [7015, 'required'],
      [12016, 'json-syntax'],
    ]);
    expect(whole.stats).toMatchObject({ records: 12016, invalid: 5 });
  });

  it('decodes an ASCII chunk a window at a time (young strings), never whole: only a line longer than a window is decoded longer', async () => {
    const long = `{"id":"${'y'.repeat(WINDOW_BYTES + 100)}"}`;
    const text = `${Array.from({ length: 9000 }, (_, i) => `{"id":"r${i}"}`).join('\n')}\n${long}\n{"id":"last"}\n`;
    expect(text.length).toBeGreaterThan(3 * WINDOW_BYTES);
    const spy = vi.spyOn(Buffer.prototype, 'toString');
    const report = await ndjson([text], 2 * WINDOW_BYTES);
    const decoded = spy.mock.results.map((result) => (result.value as string).length);
    spy.mockRestore();
    expect(report.stats).toMatchObject({ records: 9002, valid: 9002 });
    expect(decoded.length).toBeGreaterThan(3);
    expect(decoded.filter((n) => n > WINDOW_BYTES)).toEqual([long.length]);
  });

  it('reports progress after each chunk', async () => {
    const seen: { bytes: number; records: number }[] = [];
    await run(['{"id":"a"}\n', '{"id":"b"}\n{"id":"c"}\n'], person, { format: 'ndjson', onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { bytes: 11, records: 1 },
      { bytes: 33, records: 3 },
    ]);
  });
});
