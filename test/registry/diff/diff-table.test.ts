/**
 * The diff table: (old, new) schema pairs covering every change kind in both directions, each with
 * its expected kinds, whom it breaks and the bump it needs under BACKWARD. Every row is also proved
 * with data: witnesses show that a breaking classification is real, and every sample valid under the
 * old version passes the new one whenever the row is classified backward-compatible (and likewise
 * forward).
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/validation/ajv.js';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { EVERY_PATTERN } from '../../../src/registry/diff/pattern-runs.js';
import { requiredBump } from '../../../src/registry/diff/compatibility.js';
import { CHANGE_KINDS, type Change } from '../../../src/registry/diff/types.js';
import { objectCases } from './cases-objects.js';
import { valueCases } from './cases-values.js';
import { structureCases } from './cases-structure.js';
import { moreCases } from './cases-more.js';
import { extensionCases } from './cases-extensions.js';
import { evaluationCases } from './cases-evaluation.js';
import { mootCases } from './cases-moot.js';
import type { Case, Schema } from './table-support.js';

const OLD_ID = 'https://conform.invalid/standards/t/1.0.0';
const NEW_ID = 'https://conform.invalid/standards/t/2.0.0';
const cases: Case[] = [...objectCases, ...valueCases, ...structureCases, ...moreCases, ...extensionCases, ...evaluationCases, ...mootCases];

function diff(c: Case): Change[] {
  const shared = new Map(Object.entries(c.shared ?? {}));
  // The rows' patterns are the table's own, all safe: the gate is tested in pattern-runs.test.ts.
  return diffSchemas({ schema: c.old, id: OLD_ID, shared }, { schema: c.new, id: NEW_ID, shared }, EVERY_PATTERN);
}

function validator(c: Case, schema: Schema, id: string): (data: unknown) => boolean {
  const ajv = createAjv();
  for (const [sharedId, document] of Object.entries(c.shared ?? {})) ajv.addSchema(document, sharedId);
  const validate = ajv.compile(typeof schema === 'boolean' ? schema : { ...schema, $id: id });
  return (data) => validate(data);
}

describe('the diff table', () => {
  it('has at least 40 pairs, with tightening and loosening rows', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.suppliers && !c.consumers)).toBe(true);
    expect(cases.some((c) => !c.suppliers && c.consumers)).toBe(true);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('covers every change kind (unresolvable $refs are covered in resolve.test.ts)', () => {
    const covered = new Set(cases.flatMap((c) => c.kinds));
    expect(CHANGE_KINDS.filter((k) => !covered.has(k))).toEqual(['unresolvable']);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const changes = diff(c);
    expect(new Set(changes.map((ch) => ch.kind))).toEqual(new Set(c.kinds));
    expect(
      changes.some((ch) => ch.breaksSuppliers),
      'breaks suppliers',
    ).toBe(c.suppliers);
    expect(
      changes.some((ch) => ch.breaksConsumers),
      'breaks consumers',
    ).toBe(c.consumers);
    expect(requiredBump(changes, 'BACKWARD')).toBe(c.bump);
    expect(changes.some((ch) => ch.undecidable === true)).toBe(c.undecidable === true);
    if (c.path !== undefined) for (const ch of changes) expect(ch.path).toBe(c.path);
    for (const ch of changes) {
      expect(ch.explanation).not.toContain('\n');
      expect(ch.explanation.length).toBeGreaterThan(10);
    }

    const validOld = validator(c, c.old, OLD_ID);
    const validNew = validator(c, c.new, NEW_ID);
    if (c.oldOnly !== undefined) {
      expect([validOld(c.oldOnly), validNew(c.oldOnly)], 'oldOnly is valid under old, rejected by new').toEqual([true, false]);
      expect(c.suppliers).toBe(true);
    }
    if (c.newOnly !== undefined) {
      expect([validOld(c.newOnly), validNew(c.newOnly)], 'newOnly is valid under new, rejected by old').toEqual([false, true]);
      expect(c.consumers).toBe(true);
    }
    for (const sample of c.both ?? []) expect([validOld(sample), validNew(sample)], JSON.stringify(sample)).toEqual([true, true]);
    // The data cross-check: what the classifier calls compatible, the data must not contradict.
    const samples = [c.oldOnly, c.newOnly, ...(c.both ?? [])].filter((s) => s !== undefined);
    if (!c.suppliers) for (const s of samples.filter(validOld)) expect(validNew(s), `backward-compatible: ${JSON.stringify(s)}`).toBe(true);
    if (!c.consumers) for (const s of samples.filter(validNew)) expect(validOld(s), `forward-compatible: ${JSON.stringify(s)}`).toBe(true);
  });

  it('reversing a pair swaps whom it breaks', () => {
    for (const c of cases) {
      const reversed = diff({ ...c, old: c.new, new: c.old });
      const forward = diff(c);
      const undecided = forward.some((ch) => ch.undecidable);
      const flags = (changes: Change[]): [boolean, boolean] => [changes.some((ch) => ch.breaksSuppliers), changes.some((ch) => ch.breaksConsumers)];
      const [s, k] = flags(forward);
      expect(flags(reversed), c.name).toEqual(undecided ? [true, true] : [k, s]);
    }
  });
});
