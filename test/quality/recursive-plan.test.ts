/** The quality plan and a scorecard pass over recursive versions: the plan ends, lists the real fields once, and measures them. */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { qualityPlan } from '../../src/quality/plan.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { compileFieldReader } from '../../src/quality/field-reader.js';
import { NESTED_RECORDS, RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

const ID = 'https://conform.invalid/standards/r/1.0.0';
const at = new Date('2026-03-31T12:00:00Z');

function plan(shape: string) {
  return qualityPlan(new Validators().ajv, RECURSIVE_SHAPES[shape]!, ID, {}, at);
}

describe('the quality plan of a recursive version', () => {
  it('measures each real field once, where it first appears', () => {
    expect(plan('self-parent').fields.map((f) => [f.pointer, f.required, f.defaultCodes])).toEqual([
      ['/name', true, []],
      ['/code', false, ['Z']],
    ]);
    expect(plan('defs-tree').fields.map((f) => f.pointer)).toEqual(['/name']); // arrays are measured as one field
    expect(plan('self-items').fields.map((f) => f.pointer)).toEqual(['/name']);
    expect(plan('mutual').fields.map((f) => f.pointer)).toEqual(['/name', '/person/given', '/person/employer/orgName']);
  });

  it('gives a field reader that reads the planned fields of nested records', () => {
    const fields = plan('mutual').fields;
    const read = compileFieldReader(fields);
    const present = new Float64Array(fields.length);
    const defaults = new Float64Array(fields.length);
    read(NESTED_RECORDS.mutual!.valid, present, defaults);
    expect([...present]).toEqual([1, 1, 1]);
  });

  it.each(Object.keys(RECURSIVE_SHAPES))('%s: a scorecard pass over nested records completes', async (shape) => {
    const validators = new Validators();
    const schema = RECURSIVE_SHAPES[shape]!;
    const version = validators.compile({ id: 'r', version: '1.0.0', contentHash: shape }, ID, schema);
    const pass = scorecardPass(validators.ajv, schema, ID, {}, at);
    const { valid, invalid } = NESTED_RECORDS[shape]!;
    await validateStream([Buffer.from(`${JSON.stringify(valid)}\n${JSON.stringify(invalid)}\n`)], version, { format: 'ndjson', observer: pass.observer });
    const card = pass.scorecard();
    expect(card.dimensions.validity).toMatchObject({ measured: true, score: 50 });
    expect(card.dimensions.completeness.fields).toContainEqual(expect.objectContaining({ field: '/name', filled: 2, records: 2 }));
  });
});
