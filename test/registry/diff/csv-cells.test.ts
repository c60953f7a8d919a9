/**
 * A CSV cell becomes a value by the type the version gives its field (csv-record.ts): a field whose
 * cells are read as another kind of value turns the same row into another record. The JSON rules alone
 * called `enum: [1, 2]` -> `enum: [1, 2, "x"]` a code added (a MINOR), yet the cell `1`, read as the
 * number 1 before, is now the text "1", which the list does not hold: the row is refused. Proved here
 * with the engine's own column typing and cell conversion.
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/validation/ajv.js';
import { csvColumn } from '../../../src/validation/schema-walk.js';
import { convert } from '../../../src/validation/readers/csv-record.js';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { requiredBump } from '../../../src/registry/diff/compatibility.js';
import { field } from './table-support.js';

const OLD_ID = 'https://conform.invalid/standards/t/1.0.0';
const NEW_ID = 'https://conform.invalid/standards/t/1.1.0';

/** Whether the row with one column `x` holding `cell` is valid under the version, as the CSV reader reads it. */
function rowValid(schema: Record<string, unknown>, id: string, cell: string): boolean {
  const ajv = createAjv();
  const root = { ...schema, $id: id };
  const validate = ajv.compile(root);
  const column = csvColumn(ajv, root, id, 'x');
  return validate({ x: convert(cell, column.kind, 'true-false') });
}

const cases: { name: string; old: Record<string, unknown>; new: Record<string, unknown>; cell: string; explanation: RegExp }[] = [
  {
    name: 'a text code added to a list of numbers: cells are now read as text',
    old: field({ enum: [1, 2] }),
    new: field({ enum: [1, 2, 'x'] }),
    cell: '1',
    explanation: /^CSV cells of "x" are now read as text \(were read as integers\)/,
  },
  {
    name: 'a text field that now also takes integers: cells are now read as numbers',
    old: field({ type: 'string', enum: ['007', '008'] }),
    new: field({ type: ['string', 'integer'], enum: ['007', '008', 9] }),
    cell: '007',
    explanation: /^CSV cells of "x" are now read as integers \(were read as text\)/,
  },
];

describe('a change to how CSV cells of a field are read', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s breaks suppliers, and says why', (_name, c) => {
    expect([rowValid(c.old, OLD_ID, c.cell), rowValid(c.new, NEW_ID, c.cell)], 'the row is valid under the old version and refused by the new').toEqual([
      true,
      false,
    ]);
    const changes = diffSchemas({ schema: c.old, id: OLD_ID }, { schema: c.new, id: NEW_ID });
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
    const cells = changes.filter((ch) => ch.kind === 'csv-cells-changed');
    expect(cells.map((ch) => [ch.path, ch.breaksSuppliers, ch.breaksConsumers])).toEqual([['/x', true, true]]);
    expect(cells[0]!.explanation).toMatch(c.explanation);
  });

  it('integers read as numbers reads every cell alike (no change)', () => {
    const changes = diffSchemas({ schema: field({ type: 'integer' }), id: OLD_ID }, { schema: field({ type: 'number' }), id: NEW_ID });
    expect(changes.map((ch) => ch.kind)).toEqual(['type-widened']);
  });
});
