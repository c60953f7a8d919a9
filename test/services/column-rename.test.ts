/** The header rename at the input boundary, and the sample of field names it shares its header reading with. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renameCsvHeader, renameHeaderRow } from '../../src/services/column-rename.js';
import { sampleFieldNames } from '../../src/validation/sample-fields.js';
import { matchFields, muchBetter } from '../../src/registry/field-match.js';

const mapping = new Map([
  ['NHS Number', 'nhsNumber'],
  ['post;code', 'address.postcode'],
]);

async function collect(source: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('renameHeaderRow', () => {
  it('renames mapped cells, keeps the others, quotes where needed, and keeps a CR', () => {
    expect(renameHeaderRow('id,"NHS Number",other\r', mapping)).toEqual({
      row: 'id,nhsNumber,other\r',
      renamed: [{ column: 'NHS Number', field: 'nhsNumber' }],
    });
    expect(renameHeaderRow('id;NHS Number;"post;code"', mapping).row).toBe('id;nhsNumber;address.postcode');
    expect(renameHeaderRow('a,b', mapping)).toEqual({ row: 'a,b', renamed: [] });
  });
});

describe('renameCsvHeader', () => {
  it('rewrites only the header row, across chunk boundaries and from gzip, and counts the bytes as sent', async () => {
    const text = 'id,NHS Number\n1,"9434765919"\n2,x\n';
    const chunks = [...text].map((c) => Buffer.from(c));
    const renamed: { column: string; field: string }[] = [];
    const counters = { received: 0, decoded: 0, gzip: false };
    expect(await collect(renameCsvHeader(chunks, mapping, counters, 1e6, renamed))).toBe('id,nhsNumber\n1,"9434765919"\n2,x\n');
    expect(renamed).toEqual([{ column: 'NHS Number', field: 'nhsNumber' }]);
    expect(counters.decoded).toBe(Buffer.byteLength(text));
    const gz = { received: 0, decoded: 0, gzip: false };
    expect(await collect(renameCsvHeader([gzipSync(text)], mapping, gz, 1e6, []))).toBe('id,nhsNumber\n1,"9434765919"\n2,x\n');
    expect(gz.gzip).toBe(true);
  });

  it('passes a file without a mapped column through byte for byte, and a header with no line feed is renamed too', async () => {
    const text = '\uFEFFa,b\n1,2';
    expect(await collect(renameCsvHeader([Buffer.from(text)], mapping, { received: 0, decoded: 0, gzip: false }, 1e6, []))).toBe('a,b\n1,2');
    expect(await collect(renameCsvHeader([Buffer.from('NHS Number')], mapping, { received: 0, decoded: 0, gzip: false }, 1e6, []))).toBe('nhsNumber');
  });
  it('keeps a header byte that is not UTF-8 as it came (never U+FFFD), and a real U+FFFD as its own bytes', async () => {
    const counters = () => ({ received: 0, decoded: 0, gzip: false });
    const bad = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(',NHS Number\n1,2\n')]);
    const out: Buffer[] = [];
    for await (const chunk of renameCsvHeader([bad], mapping, counters(), 1e6, [])) out.push(chunk);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(',nhsNumber\n1,2\n')]));
    const real = Buffer.from('caf\uFFFD,NHS Number\n1,2\n');
    expect(await collect(renameCsvHeader([real], mapping, counters(), 1e6, []))).toBe('caf\uFFFD,nhsNumber\n1,2\n');
  });
});

describe('sampleFieldNames and matchFields', () => {
  it('reads a header with its own delimiter, and JSON fields dotted', async () => {
    expect(await sampleFieldNames(Buffer.from('a;b;"c;d"\n1;2;3\n'), 'csv', true)).toEqual(['a', 'b', 'c;d']);
    expect(await sampleFieldNames(Buffer.from('{"a":1,"b":{"c":2},"d":[1]}\n{"e":'), 'ndjson', false)).toEqual(['a', 'b.c', 'd']);
  });

  it('counts matched, unknown and missing; "much better" needs most names and a clear lead', () => {
    const fields = { names: new Set(['a', 'b', 'b.c', 'd']), required: ['a', 'b', 'z'] };
    expect(matchFields(['a', 'b.c', 'x', 'a'], fields)).toEqual({ columns: 3, matched: 2, unknown: 1, missing: 1 });
    expect(muchBetter({ columns: 10, matched: 10, unknown: 0, missing: 0 }, { columns: 10, matched: 2, unknown: 8, missing: 5 })).toBe(true);
    expect(muchBetter({ columns: 10, matched: 10, unknown: 0, missing: 0 }, { columns: 10, matched: 9, unknown: 1, missing: 0 })).toBe(false);
    expect(muchBetter({ columns: 10, matched: 7, unknown: 3, missing: 0 }, { columns: 10, matched: 0, unknown: 10, missing: 5 })).toBe(false);
  });
});
