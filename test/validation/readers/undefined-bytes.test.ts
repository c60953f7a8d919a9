/**
 * The five bytes Windows-1252 has no character for (0x81, 0x8D, 0x8F, 0x90, 0x9D) in a
 * `utf-8-or-windows-1252` file: the national pipeline's strict cp1252 refuses them, so the file fails both
 * of its decodings. Conform never decodes them silently: one file-level error names the first byte in
 * hex, its record and line, and how many more there are (never the text around it), and the file is
 * answered as the pipeline answers a file it cannot read: InfAck Failure, no BusAck.
 */
import { describe, expect, it } from 'vitest';
import { chunked, compile, run } from '../helpers.js';
import { busAck, infAck } from '../../../src/validation/ack-file.js';
import { hasBusAck, infAckOutcome, noBusAckReason } from '../../../src/validation/file-outcome.js';
import { InputError } from '../../../src/validation/errors.js';

const latin = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const hex = (byte: number) => `0x${byte.toString(16).toUpperCase()}`;
const CONSEQUENCE =
  'the national pipeline reads the file as UTF-8, then as Windows-1252 (cp1252), and both fail, so it cannot process the file; Conform reads the byte as U+FFFD. Save the whole file as UTF-8';

const names = compile({
  type: 'object',
  additionalProperties: false,
  'x-csv': { delimiter: '|', encoding: 'utf-8-or-windows-1252' },
  required: ['A'],
  properties: { A: { type: 'string' }, B: { type: 'string', maxLength: 40 } },
});
const ACK = { messageId: 'm1', receivedAt: '2026-01-02T03:04:05Z' };

describe('a byte Windows-1252 has no character for', () => {
  it('is one file-level error naming the byte in hex, its record and line, for each of the five, however the file is cut', async () => {
    for (const byte of UNDEFINED) {
      // Row 2 is Windows-1252 (é is 0xE9, not UTF-8): from there on the file is read as Windows-1252.
      const bytes = Buffer.concat([latin('A|B\nSECRETONE|a\nJos\xe9|b\nSECRETTWO|SECRET'), Buffer.from([byte]), latin('THREE\nx|c\n')]);
      for (const size of [1, 2, 3, 7, 1 << 20]) {
        const report = await run(chunked(bytes, size), names, { format: 'csv', outcomes: true });
        expect(report.findings, `${hex(byte)} in chunks of ${size}`).toEqual([
          {
            record: 0,
            line: 4,
            path: '',
            rule: 'encoding',
            severity: 'error',
            message: `record 3 (line 4) holds the byte ${hex(byte)}, which Windows-1252 has no character for: ${CONSEQUENCE}`,
          },
        ]);
        // The rows are still validated (no finding of their own), but the file fails.
        expect(report.stats).toMatchObject({ records: 4, valid: 4, invalid: 0 });
        expect(report.valid).toBe(false);
        expect(JSON.stringify(report)).not.toMatch(/SECRET|THREE|Jos/);
      }
    }
  });

  it('makes the InfAck a Failure and leaves the file without a BusAck, saying why', async () => {
    const report = await run([latin('A|B\nx|O\x92\x81REILLY\n')], names, { format: 'csv', outcomes: true });
    expect(infAckOutcome(report)).toBe('Failure');
    expect(infAck(report, ACK).split('\n')[1]).toBe(
      'm1|Failure|Fatal|Fatal Error|10001|Technical|10002|Infrastructure Level Response Value - Processing Error|20260102T03040500|||False',
    );
    expect(hasBusAck(report)).toBe(false);
    expect(busAck(report, ACK)).toBe('');
    expect(noBusAckReason(report)).toBe(
      'the file holds a byte that neither UTF-8 nor Windows-1252 reads (its InfAck is a Failure), so the pipeline cannot decode it and Conform writes no BusAck for it',
    );
    // The same file without the byte: Success, and a BusAck (a header alone: no row failed).
    const clean = await run([latin('A|B\nx|O\x92REILLY\n')], names, { format: 'csv', outcomes: true });
    expect(clean.findings).toEqual([]);
    expect(infAckOutcome(clean)).toBe('Success');
    expect(busAck(clean, ACK).split('\n')[0]).toMatch(/^MESSAGE_HEADER_ID\|/);
  });

  it('counts every such byte after the first, in one finding, with memory that does not grow with them', async () => {
    // 0x9D first makes the switch (it is not UTF-8); 20,000 rows each with one more such byte.
    const row = (i: number) => latin(`r${i}|x${String.fromCharCode(UNDEFINED[i % 5]!)}y\n`);
    const bytes = Buffer.concat([latin('A|B\n'), ...Array.from({ length: 20_000 }, (_, i) => row(i))]);
    const report = await run(chunked(bytes, 4096), names, { format: 'csv' });
    expect(report.findings).toEqual([
      expect.objectContaining({
        record: 0,
        line: 2,
        message: `record 1 (line 2) holds the byte 0x81, which Windows-1252 has no character for (and 19999 more such bytes after it): ${CONSEQUENCE}`,
      }),
    ]);
    expect(report.stats.records).toBe(20_000);
  });

  it('names the record a multi-line cell holds it in, and the line it is on', async () => {
    const bytes = latin('A|B\nx|"one\ntwo\x8f"\ny|z\n');
    const report = await run([bytes], names, { format: 'csv' });
    expect(report.findings.map((f) => [f.record, f.line, f.message.split(':')[0]])).toEqual([
      [0, 3, 'record 1 (line 3) holds the byte 0x8F, which Windows-1252 has no character for'],
    ]);
  });

  it('counts a line that ends in CR alone as a line, as the rows are read, however the file is cut', async () => {
    const lenient = compile({
      type: 'object',
      additionalProperties: false,
      'x-csv': { delimiter: '|', encoding: 'utf-8-or-windows-1252', cells: 'lenient' },
      required: ['A'],
      properties: { A: { type: 'string' }, B: { type: 'string', maxLength: 40 } },
    });
    // The header and record 1 end in CR CR LF: a lone CR, then a CRLF, so an empty line after each.
    const bytes = latin('A|B\r\r\nx|y\r\r\nz|O\x81REILLY\r\nw|v\r\n');
    for (const size of [1, 2, 5, 1 << 20]) {
      const report = await run(chunked(bytes, size), lenient, { format: 'csv' });
      expect(
        report.findings.map((f) => [f.record, f.line, f.message.split(':')[0]]),
        `chunks of ${size}`,
      ).toEqual([[0, 5, 'record 2 (line 5) holds the byte 0x81, which Windows-1252 has no character for']]);
    }
  });

  it('in the header row, the file cannot be read: an encoding refusal naming the byte and the line', async () => {
    const bytes = latin('A|B\x90\nx|y\n');
    const error = await run([bytes], names, { format: 'csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'encoding',
      message: `the header row (line 1) holds the byte 0x90, which Windows-1252 has no character for: ${CONSEQUENCE}`,
    });
  });

  it('a defined byte still decodes: 0x92 is ’ (and 0x80 €, 0x8A Š), with no finding', async () => {
    const exact = compile({
      type: 'object',
      'x-csv': { delimiter: '|', encoding: 'utf-8-or-windows-1252' },
      properties: { A: { const: 'O’REILLY €5 ŠKODA' } },
    });
    const report = await run([latin('A\nO\x92REILLY \x805 \x8aKODA\n')], exact, { format: 'csv' });
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('a UTF-8 file is unaffected: the same bytes as continuation bytes of UTF-8 characters read as UTF-8', async () => {
    // Á (C3 81), ō (C5 8D), Ï (C3 8F), Ð (C3 90), Ý (C3 9D): each holds one of the five bytes.
    const exact = compile({
      type: 'object',
      'x-csv': { delimiter: '|', encoding: 'utf-8-or-windows-1252' },
      properties: { A: { const: 'ÁōÏÐÝ ’' } },
    });
    const bytes = utf8('A\nÁōÏÐÝ ’\n');
    for (const byte of UNDEFINED) expect(bytes.includes(byte), hex(byte)).toBe(true);
    for (const size of [1, 2, 1 << 20]) {
      const report = await run(chunked(bytes, size), exact, { format: 'csv' });
      expect(report.findings, `chunks of ${size}`).toEqual([]);
      expect(report.valid).toBe(true);
    }
  });

  it('is not the character U+FFFD of a UTF-8 file (EF BF BD): its header and rows are read as UTF-8, with no encoding finding', async () => {
    const text = 'A|B|\uFFFD\nx\uFFFD|\uFFFDy|z\n|b|c\n';
    for (const size of [1, 2, 3, 1 << 20]) {
      const report = await run(chunked(utf8(text), size), names, { format: 'csv', outcomes: true });
      // The same verdicts as the file with é for each U+FFFD: the third column is not a field, row 2 lacks A.
      const same = await run([utf8(text.replaceAll('\uFFFD', 'é'))], names, { format: 'csv', outcomes: true });
      expect(
        report.findings.map((f) => [f.record, f.rule]),
        `chunks of ${size}`,
      ).toEqual([
        [0, 'unknown-column'],
        [2, 'required'],
      ]);
      expect(report.findings.map((f) => [f.record, f.rule, f.path])).toEqual(same.findings.map((f) => [f.record, f.rule, f.path]));
      expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
      expect(infAckOutcome(report)).toBe(infAckOutcome(same));
    }
    // A byte Windows-1252 has no character for in the header is still refused, next to a real U+FFFD.
    const header = Buffer.concat([utf8('A|\uFFFD'), Buffer.from([0x81]), utf8('\nx\n')]);
    await expect(run([header], names, { format: 'csv' })).rejects.toThrow(
      new InputError('encoding', `the header row (line 1) holds the byte 0x81, which Windows-1252 has no character for: ${CONSEQUENCE}`),
    );
  });

  it('a UTF-8-only dialect is unchanged: such a byte is the row’s own "not valid UTF-8" finding', async () => {
    const plain = compile({ type: 'object', 'x-csv': { delimiter: '|' }, properties: { A: { type: 'string' } } });
    const report = await run([latin('A\nx\x81y\n')], plain, { format: 'csv' });
    expect(report.findings.map((f) => [f.record, f.line, f.rule, f.message])).toEqual([
      [1, 2, 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8'],
    ]);
  });
});
