/** The field names at the start of a file, as the suggestions read a CSV header. */
import { describe, expect, it } from 'vitest';
import { headerCells, sampleFieldNames } from '../../src/validation/sample-fields.js';

describe('a CSV header read for its field names', () => {
  it('ends at a line feed, a CRLF or a CR alone, and keeps quoted delimiters and line ends inside a cell', () => {
    expect(headerCells('id,"a,b",age').cells).toEqual(['id', 'a,b', 'age']);
    // A file whose lines end in CR alone: the first row only.
    expect(headerCells('id,age\r1,2\r3,4').cells).toEqual(['id', 'age']);
    expect(headerCells('id;age;name').delimiter).toBe(';');
  });

  it('reads a header of thousands of columns, keeping at most 1,000 names', async () => {
    const line = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const names = await sampleFieldNames(Buffer.from(`${line}\n1,2\n`), 'csv', true);
    expect(names).toHaveLength(1000);
    expect(names.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
  });
});
