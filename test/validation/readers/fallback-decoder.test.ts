/**
 * The `utf-8-or-windows-1252` dialect: UTF-8 up to the first byte that is not UTF-8, wherever in the file
 * it is, Windows-1252 from there on (as the national pipeline retries), whatever the chunk boundaries; a
 * file that mixes the two is one file-level warning naming the lines.
 */
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, firstInvalidUtf8, Utf8OrWindows1252Decoder } from '../../../src/validation/readers/fallback-decoder.js';
import { chunked, compile, run } from '../helpers.js';

const latin = (text: string): Buffer => Buffer.from(text, 'latin1'); // é is one byte, 0xE9, as in Windows-1252
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Decodes bytes split at the given offsets; returns the text and the events' kinds with their offsets in the whole text. */
function decode(bytes: Buffer, cuts: number[]): { text: string; events: string[] } {
  const decoder = new Utf8OrWindows1252Decoder();
  let text = '';
  const events: string[] = [];
  const take = (piece: string): void => {
    for (const e of decoder.events) events.push(`${e.kind}@${text.length + e.at}`);
    decoder.events.length = 0;
    text += piece;
  };
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    take(decoder.write(bytes.subarray(from, cut)));
    from = cut;
  }
  take(decoder.end());
  return { text, events };
}

describe('the UTF-8-or-Windows-1252 decoder', () => {
  const mixed = Buffer.concat([utf8('a€b'), latin('cé'), utf8('dë')]); // € is 3 bytes in UTF-8; é is not UTF-8 here

  it('reads UTF-8 up to the first byte that is not UTF-8 and Windows-1252 after it, cut anywhere', () => {
    const expected = 'a€bcédÃ«'; // after the switch, the UTF-8 ë reads as Ã« (as in the pipeline)
    for (let cut = 0; cut <= mixed.length; cut++) {
      const { text, events } = decode(mixed, [cut]);
      expect(text, `cut at ${cut}`).toBe(expected);
      // A character cut between writes after the switch is noted where the write that completes it starts (same line).
      expect(events, `cut at ${cut}`).toEqual(['utf-8@1', 'windows-1252@4', `utf-8-after@${cut === 9 ? 7 : 6}`]);
    }
    // Every byte alone.
    expect(
      decode(
        mixed,
        Array.from({ length: mixed.length - 1 }, (_, i) => i + 1),
      ).text,
    ).toBe(expected);
  });

  it('a UTF-8 file split inside every multi-byte character reads as UTF-8, with no switch', () => {
    const text = 'Zoë Ångström — 𝄞 ok';
    const bytes = utf8(text);
    for (let size = 1; size <= 5; size++) {
      const cuts = Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size);
      const decoded = decode(bytes, cuts);
      expect(decoded.text, `pieces of ${size}`).toBe(text);
      expect(decoded.events).toEqual(['utf-8@2']);
    }
  });

  it('reads 0x80-0x9F as Windows-1252 has them (€, ’, Š, Œ, Ž…), not as the C1 controls of ISO-8859-1', () => {
    // WHATWG's index-windows-1252 for 0x80-0x9F; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are the controls themselves.
    const table = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const expected = [
      ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
      ...table,
      ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)),
    ].join('');
    expect(decodeWindows1252(all)).toBe(expected);
    // Through the decoder, after the switch: a surname with a typographic apostrophe, a Czech name, a price.
    const bytes = Buffer.concat([latin('O'), Buffer.from([0x92]), latin('REILLY|'), Buffer.from([0x8a]), latin('T'), Buffer.from([0x8c, 0x80])]);
    expect(decode(bytes, [3]).text).toBe('O’REILLY|ŠTŒ€');
  });

  it('a character cut off by the end of the file is not UTF-8', () => {
    expect(decode(Buffer.concat([utf8('ab'), Buffer.from([0xc3])]), [])).toEqual({ text: 'abÃ', events: ['windows-1252@2'] });
  });

  it('finds the first byte that does not begin a UTF-8 character (overlong, surrogate, stray continuation)', () => {
    expect(firstInvalidUtf8(utf8('aé€𝄞'))).toBe(utf8('aé€𝄞').length);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0);
  });
});

describe('CSV in the utf-8-or-windows-1252 dialect', () => {
  const names = compile({
    type: 'object',
    additionalProperties: false,
    'x-csv': { delimiter: '|', encoding: 'utf-8-or-windows-1252' },
    required: ['A'],
    properties: { A: { enum: ['José', 'Zoë', 'x'] }, B: { type: 'string' } },
  });
  const filler = 'x|filler text to push the non-ASCII bytes far from the start\n'.repeat(2000); // about 120 KiB

  it('a Windows-1252 file whose first non-ASCII byte comes after the first chunks reads right (every chunking)', async () => {
    const bytes = Buffer.concat([latin(`A|B\n${filler}`), latin('José|é\n')]);
    for (const size of [1 << 20, 64 * 1024, 1000, 7]) {
      const report = await run(chunked(bytes, size), names, { format: 'csv' });
      expect(report.findings, `chunks of ${size}`).toEqual([]);
      expect(report.stats.valid).toBe(2001);
    }
  });

  it('a UTF-8 file cut inside a character at every offset reads as UTF-8, with no finding', async () => {
    const bytes = utf8('A|B\nx|a\nZoë|b\nJosé|c\n');
    const at = bytes.indexOf(0xc3);
    for (let cut = at - 2; cut <= at + 3; cut++) {
      const report = await run([bytes.subarray(0, cut), bytes.subarray(cut)], names, { format: 'csv' });
      expect(report.findings, `cut at ${cut}`).toEqual([]);
    }
    for (const size of [1, 2, 3]) expect((await run(chunked(bytes, size), names, { format: 'csv' })).findings).toEqual([]);
  });

  it('UTF-8 text, then bytes that are not UTF-8: read as the pipeline reads it, with one warning naming both lines', async () => {
    const bytes = Buffer.concat([utf8('A|B\nx|a\nZoë|b\n'), latin('x|c\nJosé|d\n')]);
    for (const size of [1, 2, 3, 5, 8, 1 << 20]) {
      const report = await run(chunked(bytes, size), names, { format: 'csv' });
      expect(report.findings, `chunks of ${size}`).toEqual([
        {
          record: 0,
          line: 0,
          path: '',
          rule: 'encoding',
          severity: 'warning',
          message:
            'the file mixes encodings: line 3 has UTF-8 text, but line 5 has bytes that are not UTF-8, so from there on the file is read as Windows-1252, as the national pipeline reads it (UTF-8 characters after that point read wrongly); save the whole file as UTF-8',
        },
      ]);
      expect(report.valid).toBe(true);
    }
  });

  it('Windows-1252 first, then UTF-8 text: one warning naming both lines, and the UTF-8 text is not silently accepted', async () => {
    const bytes = Buffer.concat([latin('A|B\nJosé|a\n'), utf8('x|b\nZoë|c\n')]);
    const report = await run(chunked(bytes, 3), names, { format: 'csv' });
    expect(report.findings.map((f) => `${f.record} ${f.rule} ${f.severity}`)).toEqual(['0 encoding warning', '3 enum error']);
    expect(report.findings[0]!.message).toContain('line 2 has bytes that are not UTF-8');
    expect(report.findings[0]!.message).toContain('line 4 has what looks like UTF-8 text');
  });
});
