/**
 * The pattern gate analyses the patterns a comparison can run: the two schemas' and those of the shared
 * documents they reach through `$ref` (directly or through one another), not every shared document's.
 * It gathered every shared document's patterns, so one no comparison reads was analysed on each (a
 * worker check, within the compile budget) and, were its analysis not done in time, made the patterns
 * beside it in the same probe unrunnable: the comparison undecidable for a document it never read.
 */
import { describe, expect, it, vi } from 'vitest';
import { PatternVerdicts } from '../../src/services/pattern-gate.js';
import { DEFAULT_SCHEMA_GUARD } from '../../src/services/schema-guard.js';
import { Validators } from '../../src/validation/validators.js';
import { reachedDocuments } from '../../src/validation/schema-refs.js';

const COMMON = 'https://conform.invalid/standards/_common';
const CATASTROPHIC = '^(a+)+$';
const shared = new Map<string, unknown>([
  [`${COMMON}/ids`, { $defs: { code: { type: 'string', pattern: '^[A-Z]{3}$' }, more: { $ref: 'names#/$defs/name' } } }],
  [`${COMMON}/names`, { $defs: { name: { type: 'string', pattern: '^[a-z]+$' } } }],
  [`${COMMON}/unread`, { $defs: { slow: { type: 'string', pattern: CATASTROPHIC } } }],
]);
const ID = 'https://conform.invalid/standards/t/1.0.0';
const reading = { type: 'object', properties: { code: { $ref: '../_common/ids#/$defs/code' }, local: { type: 'string', pattern: '^L\\d+$' } } };

describe('the pattern gate', () => {
  it('reaches the shared documents a schema refers to, and those they refer to, no other', () => {
    expect([...reachedDocuments([{ schema: reading, id: ID }], shared).keys()]).toEqual([`${COMMON}/ids`, `${COMMON}/names`]);
    expect([...reachedDocuments([{ schema: { type: 'string' }, id: ID }], shared).keys()]).toEqual([]);
    // A $ref that is no URI, or to a document not given, reaches nothing.
    expect([...reachedDocuments([{ schema: { $ref: 'http://[bad' }, id: ID }], shared).keys()]).toEqual([]);
    expect([...reachedDocuments([{ schema: { $ref: '../_common/absent' }, id: ID }], shared).keys()]).toEqual([]);
  });

  it('analyses the patterns of the schemas and the documents they reach; an unread document costs nothing', async () => {
    const validators = new Validators();
    const verdicts = new PatternVerdicts(validators, DEFAULT_SCHEMA_GUARD);
    const check = vi.spyOn(validators, 'check');
    const gate = await verdicts.gate(
      [
        { schema: reading, id: ID },
        { schema: reading, id: ID },
      ],
      shared,
    );
    expect(check).toHaveBeenCalledTimes(1);
    const probed = (check.mock.calls[0]![1].allOf as { pattern: string }[]).map((p) => p.pattern).sort();
    expect(probed).toEqual(['^L\\d+$', '^[A-Z]{3}$', '^[a-z]+$']);
    expect(['^L\\d+$', '^[A-Z]{3}$', '^[a-z]+$', CATASTROPHIC].map(gate)).toEqual([true, true, true, false]);
    // Judged once: the same comparison again asks the worker nothing, the unread document's pattern unasked.
    await verdicts.gate([{ schema: reading, id: ID }], shared);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('a schema that reaches the document with the unsafe pattern has it analysed and refused', async () => {
    const validators = new Validators();
    const check = vi.spyOn(validators, 'check');
    const gate = await new PatternVerdicts(validators, DEFAULT_SCHEMA_GUARD).gate(
      [{ schema: { type: 'object', properties: { s: { $ref: '../_common/unread#/$defs/slow' } } }, id: ID }],
      shared,
    );
    expect(check.mock.calls[0]![1].allOf).toEqual([{ pattern: CATASTROPHIC }]);
    const result = await check.mock.results[0]!.value;
    expect(result).toMatchObject({ kind: 'patterns' });
    expect(gate(CATASTROPHIC)).toBe(false);
  });
});
