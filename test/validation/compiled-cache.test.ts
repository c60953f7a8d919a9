/**
 * The compiled versions a Validators keeps are bounded (CompiledLimits: versions, and an estimate of their
 * size), least recently used out first, and compiled by generations of Ajv so that what an evicted version
 * left in its Ajv goes too. An evicted version is compiled again on its next use and gives the same
 * verdicts; a compiled version held elsewhere meanwhile keeps working, whatever the cache has done since.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { Validators, type CompiledVersion } from '../../src/validation/validators.js';
import { validateValue } from '../../src/validation/validate.js';
import { run, timeless } from './helpers.js';

const ID = 'https://conform.invalid/standards/t/1.0.0';
const ref = (hash: string) => ({ id: 't', version: '1.0.0', contentHash: hash });

/** A version with a pattern, a code list with labels, a nested field reached by `$ref` and a recursive one. */
const schema = (code: string): AnySchemaObject => ({
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: `^${code}[0-9]{3}$` },
    kind: { enum: ['A', 'B'], 'x-labels': { A: 'Alpha', B: 'Beta' } },
    address: { $ref: '#/$defs/address' },
    parent: { $ref: '#' },
  },
  $defs: { address: { type: 'object', properties: { postcode: { type: 'string', format: 'uk-postcode' } } } },
});

const records: unknown[] = [
  { id: 'X123' },
  { id: 'Y123', kind: 'C' },
  { kind: 'A', address: { postcode: 'nope' } },
  { id: 'X001', parent: { id: 'bad', parent: { kind: 'Z' } } },
];
const ndjson = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const csv = 'id,kind,address.postcode\nX123,A,SW1A 1AA\nX12,C,x\n';

/** Every verdict a version gives the records above, one at a time and as files. */
async function verdicts(version: CompiledVersion) {
  return {
    values: records.map((r) => validateValue(version, r)),
    ndjson: timeless(await run([ndjson], version, { format: 'ndjson', context: { submittedAt: '2026-01-01T00:00:00Z' } })),
    csv: timeless(await run([csv], version, { format: 'csv', context: { submittedAt: '2026-01-01T00:00:00Z' } })),
  };
}

describe('the compiled-version cache', () => {
  it('evicts the least recently used version past its bound; compiled again, it gives identical verdicts', async () => {
    const validators = new Validators({ versions: 2, mib: 32 });
    const x = validators.compile(ref('hx'), ID, schema('X'));
    const before = await verdicts(x);
    expect(before.values[0]).toEqual([]);
    expect(before.values[1]!.map((f) => f.path)).toEqual(['/id', '/kind']);
    expect(validators.compile(ref('hx'), ID, schema('X'))).toBe(x); // cached
    // The same $id with other content (by content hash), then a third version: x is the least recently used.
    const y = validators.compile(ref('hy'), ID, schema('Y'));
    validators.compile(ref('hz'), 'https://conform.invalid/standards/z/1.0.0', schema('Z'));
    expect(validators.isCompiled('hx')).toBe(false);
    expect(validators.held.versions).toBe(2);

    const again = validators.compile(ref('hx'), ID, schema('X'));
    expect(again).not.toBe(x);
    expect(await verdicts(again)).toEqual(before);
    // Not the content compiled last under the same $id: each version validates as its own content says.
    expect(validateValue(y, { id: 'Y123' })).toEqual([]);
    expect(validateValue(again, { id: 'Y123' }).map((f) => f.path)).toEqual(['/id']);
  });

  it('starts a new Ajv once one has compiled as many versions as the cache holds; a version held from an old one keeps working', async () => {
    const validators = new Validators({ versions: 2, mib: 32 });
    const held = validators.compile(ref('h0'), ID, schema('X'));
    const heldVerdicts = await verdicts(held);
    const first = validators.ajv;
    validators.compile(ref('h1'), 'https://conform.invalid/standards/b/1.0.0', schema('B'));
    expect([validators.generations, validators.ajv]).toEqual([1, first]);
    validators.compile(ref('h2'), 'https://conform.invalid/standards/c/1.0.0', schema('C'));
    expect(validators.generations).toBe(2);
    expect(validators.ajv).not.toBe(first);
    // The shared schemas are in the new Ajv too, and a version compiled after refers to them.
    validators.addShared('https://conform.invalid/shared/code', { type: 'string', pattern: '^[A-Z]$' });
    const second = validators.compile(ref('h3'), 'https://conform.invalid/standards/d/1.0.0', {
      type: 'object',
      properties: { c: { $ref: 'https://conform.invalid/shared/code' } },
    });
    expect(validateValue(second, { c: 'ab' }).map((f) => f.path)).toEqual(['/c']);
    // A third generation: what the cache still held of the first is evicted with it.
    validators.compile(ref('h4'), 'https://conform.invalid/standards/e/1.0.0', schema('E'));
    expect(validators.generations).toBe(3);
    expect(['h0', 'h1', 'h2', 'h3', 'h4'].map((h) => validators.isCompiled(h))).toEqual([false, false, false, true, true]);
    expect(validators.ajv.getSchema('https://conform.invalid/shared/code')).toBeDefined();
    // The version held from the first generation validates, labels and reads CSV as it did.
    expect(await verdicts(held)).toEqual(heldVerdicts);
    expect(held.labels).toEqual(validators.compile(ref('h0'), ID, schema('X')).labels);
  });

  it('is bounded by the estimated size of its versions too', () => {
    const validators = new Validators({ versions: 64, mib: 1 });
    // About 0.4 MiB of schema text each: two fit in 1 MiB with their code, three do not.
    const big = (n: number): AnySchemaObject => ({
      type: 'object',
      properties: { code: { enum: Array.from({ length: 2000 }, (_, i) => `${n}-${'c'.repeat(200)}-${i}`) } },
    });
    for (let n = 0; n < 3; n++) validators.compile(ref(`b${n}`), `https://conform.invalid/standards/b${n}/1.0.0`, big(n));
    expect(['b0', 'b1', 'b2'].map((h) => validators.isCompiled(h))).toEqual([false, true, true]);
    expect(validators.held.weight).toBeLessThanOrEqual(1024 * 1024);
    expect(validators.held.weight).toBeGreaterThan(800_000);
    const again = validators.compile(ref('b0'), 'https://conform.invalid/standards/b0/1.0.0', big(0));
    expect(validateValue(again, { code: '0-x' }).map((f) => f.rule)).toEqual(['enum']);
    expect(validateValue(again, { code: `0-${'c'.repeat(200)}-7` })).toEqual([]);
  });

  it('prepares a version without compiling it: its walks need no compile, and its validator is compiled when first read', async () => {
    const validators = new Validators({ versions: 2, mib: 32 });
    const eager = await verdicts(new Validators().compile(ref('hp'), ID, schema('X')));
    const prepared = validators.prepare(ref('hp'), ID, schema('X'));
    expect([prepared.labels, prepared.csvLayout.dialect.delimiter, prepared.column('kind').kind]).toEqual([
      new Validators().compile(ref('hp'), ID, schema('X')).labels,
      ',',
      'string',
    ]);
    expect([prepared.hasValidator, validators.isCompiled('hp'), validators.compiles]).toEqual([false, false, 0]);
    expect(validators.prepare(ref('hp'), ID, schema('X'))).toBe(prepared); // held by content hash
    expect(await verdicts(prepared)).toEqual(eager);
    expect([prepared.hasValidator, validators.isCompiled('hp'), validators.compiles]).toEqual([true, true, 1]);
    // compile() of a version prepared already compiles nothing more.
    expect(validators.compile(ref('hp'), ID, schema('X'))).toBe(prepared);
    expect(validators.compiles).toBe(1);
    // Prepared versions count towards the cache's bound; only compiled ones towards a generation.
    validators.prepare(ref('hq'), 'https://conform.invalid/standards/q/1.0.0', schema('Q'));
    validators.prepare(ref('hr'), 'https://conform.invalid/standards/r/1.0.0', schema('R'));
    expect([validators.held.versions, validators.generations, validators.compiles]).toEqual([2, 1, 1]);
  });
});
