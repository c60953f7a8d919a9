/**
 * A CSV column is a field of the standard when any subschema that applies to the record itself may
 * declare it: `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas` and `$ref`s to them, as
 * the JSON path (Ajv's `unevaluatedProperties`) reads the record. Such a column was called unknown (and
 * skipped, so its record then failed the rule that declared it), and an open record's cell of such a
 * field was read as text, failing its type. Under `additionalProperties: false` only the record's own
 * `properties` are fields, in both paths.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { compile, run } from '../helpers.js';

const findings = async (schema: AnySchemaObject, csv: string, json: unknown[]): Promise<[string[], string[]]> => {
  const version = compile(schema);
  const asCsv = await run([csv], version, { format: 'csv' });
  const asJson = await run([json.map((r) => JSON.stringify(r)).join('\n')], version, { format: 'ndjson' });
  const list = (r: typeof asCsv): string[] => r.findings.map((f) => `${f.rule} ${f.path}${f.severity === 'warning' ? ' (warning)' : ''}`);
  return [list(asCsv), list(asJson)];
};

const closedBy = (extra: AnySchemaObject): AnySchemaObject => ({
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
  unevaluatedProperties: false,
  $defs: { withCount: { type: 'object', properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] } },
  ...extra,
});

describe('CSV columns of fields declared under a combinator', () => {
  for (const [how, extra] of [
    ['allOf', { allOf: [{ properties: { count: { type: 'integer', minimum: 1 } } }] }],
    [
      'anyOf',
      {
        anyOf: [
          { properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] },
          { required: ['note'], properties: { note: { type: 'string' } } },
        ],
      },
    ],
    [
      'oneOf',
      {
        oneOf: [
          { properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] },
          { properties: { note: { type: 'string' } }, required: ['note'] },
        ],
      },
    ],
    [
      'if/then/else',
      {
        if: { properties: { id: { const: 'n' } } },
        then: { properties: { note: { type: 'string' } } },
        else: { properties: { count: { type: 'integer', minimum: 1 } } },
      },
    ],
    ['$ref', { allOf: [{ $ref: '#/$defs/withCount' }] }],
    ['dependentSchemas', { dependentSchemas: { id: { properties: { count: { type: 'integer', minimum: 1 } } } } }],
  ] as const) {
    it(`${how}: the column is a field, read as its type, judged as the JSON record is`, async () => {
      const [csv, json] = await findings(closedBy(extra), 'id,count\na,2\nb,0\n', [
        { id: 'a', count: 2 },
        { id: 'b', count: 0 },
      ]);
      expect(csv).toEqual(json);
      expect(json).toContain('minimum /count'); // record 2's count is below its minimum
      expect(csv.some((f) => f.includes('column'))).toBe(false);
    });
  }

  it('an open record reads such a cell as the type its branch declares', async () => {
    const { unevaluatedProperties: _, ...open } = closedBy({ anyOf: [{ properties: { count: { type: 'integer' } } }] });
    const [csv, json] = await findings(open, 'id,count\na,2\n', [{ id: 'a', count: 2 }]);
    expect([csv, json]).toEqual([[], []]);
  });

  it('under additionalProperties: false a field declared only in a branch is refused in both', async () => {
    const { unevaluatedProperties: _, ...rest } = closedBy({ anyOf: [{ properties: { count: { type: 'integer' } } }] });
    const [csv, json] = await findings({ ...rest, additionalProperties: false }, 'id,count\na,2\n', [{ id: 'a', count: 2 }]);
    expect(csv.map((f) => f.split(' ')[0])).toEqual(['unknown-column']);
    expect(json.map((f) => f.split(' ')[0])).toEqual(['additionalProperties']);
  });

  it('a field no branch declares is still an unknown column', async () => {
    const [csv] = await findings(closedBy({ anyOf: [{ properties: { count: { type: 'integer' } } }] }), 'id,cuont\na,2\n', [{ id: 'a' }]);
    expect(csv[0]).toMatch(/^(misspelt|unknown)-column/);
  });
});
