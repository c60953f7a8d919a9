/** Policies, bumps and semver: what each policy refuses, and how versions must step. */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { EVERY_PATTERN } from '../../../src/registry/diff/pattern-runs.js';
import { checkCompatibility, checkVersionBump, requiredBump } from '../../../src/registry/diff/compatibility.js';
import { checkAgainstHistory } from '../../../src/registry/diff/history.js';
import { COMPATIBILITY_POLICIES } from '../../../src/registry/standard-meta.js';
import type { Change } from '../../../src/registry/diff/types.js';
import { closed } from './table-support.js';

const changesBetween = (before: unknown, after: unknown): Change[] =>
  diffSchemas(
    { schema: before, id: 'https://conform.invalid/standards/t/1.0.0' },
    { schema: after, id: 'https://conform.invalid/standards/t/1.1.0' },
    EVERY_PATTERN,
  );

const record = closed(['a'], ['a']);
const optionalAdded = changesBetween(record, closed(['a', 'b'], ['a']));
const requiredAdded = changesBetween(closed(['a', 'b'], ['a']), closed(['a', 'b'], ['a', 'b']));
const described = changesBetween(record, { ...record, description: 'Now described.' });

describe('adding an optional field', () => {
  it('is never breaking for suppliers, and is MINOR under BACKWARD', () => {
    expect(optionalAdded.map((c) => [c.kind, c.path, c.breaksSuppliers])).toEqual([['property-added', '/b', false]]);
    expect(requiredBump(optionalAdded, 'BACKWARD')).toBe('minor');
    expect(checkVersionBump('1.0.0', '1.1.0', optionalAdded, 'BACKWARD')).toEqual([]);
    expect(optionalAdded[0]!.explanation).toMatch(/^field "b" added \(optional\): old data still valid/);
  });
});

describe('policies', () => {
  const bumps = (changes: Change[]): Record<string, string> => Object.fromEntries(COMPATIBILITY_POLICIES.map((p) => [p, requiredBump(changes, p)]));

  it('BACKWARD protects suppliers, FORWARD consumers, FULL both, NONE nobody; TRANSITIVE forms bump alike', () => {
    expect(bumps(optionalAdded)).toEqual({
      BACKWARD: 'minor',
      BACKWARD_TRANSITIVE: 'minor',
      FORWARD: 'major',
      FORWARD_TRANSITIVE: 'major',
      FULL: 'major',
      FULL_TRANSITIVE: 'major',
      NONE: 'minor',
    });
    expect(bumps(requiredAdded)).toEqual({
      BACKWARD: 'major',
      BACKWARD_TRANSITIVE: 'major',
      FORWARD: 'minor',
      FORWARD_TRANSITIVE: 'minor',
      FULL: 'major',
      FULL_TRANSITIVE: 'major',
      NONE: 'minor',
    });
    expect(bumps(described)).toEqual(Object.fromEntries(COMPATIBILITY_POLICIES.map((p) => [p, 'patch'])));
    expect(bumps([])).toEqual(Object.fromEntries(COMPATIBILITY_POLICIES.map((p) => [p, 'none'])));
  });

  it('lists the changes that violate a policy', () => {
    expect(checkCompatibility(requiredAdded, 'BACKWARD')).toEqual({ compatible: false, violations: requiredAdded });
    expect(checkCompatibility(requiredAdded, 'FORWARD')).toEqual({ compatible: true, violations: [] });
    expect(checkCompatibility(optionalAdded, 'FULL').violations.map((c) => c.kind)).toEqual(['property-added']);
    expect(checkCompatibility([...optionalAdded, ...requiredAdded], 'NONE').compatible).toBe(true);
  });
});

describe('checkVersionBump', () => {
  it('refuses a breaking change published as a MINOR, naming each change and why', () => {
    const problems = checkVersionBump('1.0.0', '1.1.0', requiredAdded, 'BACKWARD');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.change).toBe(requiredAdded[0]);
    expect(problems[0]!.message).toBe(
      '1.0.0 → 1.1.0 is a MINOR release, but required-added at /b breaks suppliers (a supplier\'s file valid under 1.0.0 may be refused by 1.1.0), so under BACKWARD it needs a new MAJOR (2.0.0): field "b" is now required: old data may now be rejected',
    );
  });

  it('accepts the same change as the next MAJOR', () => {
    expect(checkVersionBump('1.4.2', '2.0.0', requiredAdded, 'BACKWARD')).toEqual([]);
  });

  it('refuses an addition published as a PATCH, and accepts annotations as a PATCH', () => {
    expect(checkVersionBump('1.0.0', '1.0.1', optionalAdded, 'BACKWARD').map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^1\.0\.0 → 1\.0\.1 is a PATCH release, but property-added at \/b changes what is valid, so it needs at least a MINOR \(1\.1\.0\): field "b" added/,
      ),
    ]);
    expect(checkVersionBump('1.0.0', '1.0.1', described, 'BACKWARD')).toEqual([]);
  });

  it('refuses a version that does not increase, and one that is not semver', () => {
    expect(checkVersionBump('1.1.0', '1.1.0', [], 'BACKWARD')[0]!.message).toBe('1.1.0 is not higher than 1.1.0; a new version must increase');
    expect(checkVersionBump('1.1.0', '1.0.9', described, 'BACKWARD')[0]!.message).toMatch(/not higher/);
    expect(checkVersionBump('1.1.0', 'v2', [], 'BACKWARD')[0]!.message).toBe('"v2" is not a semantic version (MAJOR.MINOR.PATCH)');
  });

  it('says when a change is undecidable', () => {
    const changes = changesBetween({ type: 'string', pattern: '^a' }, { type: 'string', pattern: '^b' });
    expect(checkVersionBump('1.0.0', '1.1.0', changes, 'FORWARD')[0]!.message).toMatch(
      /pattern-changed at \/ cannot be decided and counts as breaking \(a supplier's file valid under 1\.0\.0 may be refused by 1\.1\.0, and a file valid under 1\.1\.0 may be refused by a system still reading 1\.0\.0\), so under FORWARD it needs a new MAJOR \(2\.0\.0\)/,
    );
  });
});

describe('checkAgainstHistory', () => {
  const v = (version: string, maxLength: number, extra: string[] = []): { version: string; schema: unknown } => ({
    version,
    schema: {
      ...closed(['a', ...extra], ['a']),
      properties: { a: { type: 'string', maxLength }, ...Object.fromEntries(extra.map((e) => [e, { type: 'string' }])) },
    },
  });
  // 1.1.0 tightened 1.0.0 (accepted at the time, say under NONE); 1.2.0 only adds an optional field to 1.1.0.
  const history = [v('1.1.0', 10), v('1.0.0', 20)];
  const candidate = v('1.2.0', 10, ['b']);

  it('compares with the previous version only under a plain policy', () => {
    const result = checkAgainstHistory(history, candidate, 'BACKWARD');
    expect(result.comparisons.map((c) => [c.from, c.to, c.needed])).toEqual([['1.1.0', '1.2.0', 'minor']]);
    expect(result).toMatchObject({ ok: true, problems: [] });
  });

  it('compares with every earlier version under a TRANSITIVE policy', () => {
    const result = checkAgainstHistory(history, candidate, 'BACKWARD_TRANSITIVE');
    expect(result.comparisons.map((c) => [c.from, c.needed])).toEqual([
      ['1.0.0', 'major'],
      ['1.1.0', 'minor'],
    ]);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.from, p.change?.kind])).toEqual([['1.0.0', 'max-length-decreased']]);
  });

  it('refuses a candidate that is not above the latest version', () => {
    const result = checkAgainstHistory(history, v('1.0.5', 20), 'BACKWARD');
    expect(result.problems[0]!.message).toBe('1.0.5 is not higher than 1.1.0, the latest version; publish a higher version');
    expect(result.comparisons.map((c) => c.from)).toEqual(['1.0.0']);
  });

  it('accepts a first version', () => {
    expect(checkAgainstHistory([], v('1.0.0', 20), 'FULL_TRANSITIVE')).toEqual({ ok: true, comparisons: [], problems: [] });
  });
});

describe('explanations an author reads for limits with defaults', () => {
  const explain = (before: unknown, after: unknown): string[] => changesBetween(before, after).map((c) => `${c.kind} ${c.path}: ${c.explanation}`);
  const matches = (extra: Record<string, unknown>): Record<string, unknown> => ({
    type: 'array',
    items: { type: 'integer' },
    contains: { const: 1 },
    maxContains: 2,
    ...extra,
  });

  it('names a default limit as such, rather than as no limit', () => {
    expect(explain(matches({ minContains: 0 }), matches({}))).toEqual([
      'min-contains-increased : minContains changed from 0 to 1 (its default): old data may now be rejected',
    ]);
    expect(explain({ type: 'object', minProperties: 1 }, { type: 'object', minProperties: 0 })).toEqual([
      'min-properties-decreased : minProperties changed from 1 to 0: old data still valid; new data may fall outside the old version',
    ]);
    expect(explain({ type: 'string' }, { type: 'string', minLength: 0 })).toEqual([]);
  });
});

describe('the explanation of an undecidable oneOf', () => {
  it('says which options changed and why widening one can still refuse old data', () => {
    const oneOf = (...options: unknown[]): unknown => ({ type: 'object', properties: { x: { oneOf: options } } });
    const [change] = changesBetween(oneOf({ type: 'string' }, { type: 'integer' }), oneOf({ type: 'string' }, { type: 'integer' }, { type: 'number' }));
    expect(change!.explanation).toBe(
      'oneOf changed (option 2 added): a value must match exactly one option, so one that matched one option may now match none or several, even where options only widen: the rules cannot decide, so it counts as breaking both ways',
    );
    expect(change).toMatchObject({ kind: 'conditional-changed', path: '/x', breaksSuppliers: true, undecidable: true });
  });
});

describe('the explanation of a requirement made conditional, or unconditional', () => {
  const event = (required: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...closed(['kind', 'end'], required),
    ...extra,
  });
  const rule = { allOf: [{ if: { required: ['kind'] }, then: { properties: { end: { description: 'The end.' } }, required: ['end'] } }] };
  const explain = (before: unknown, after: unknown): string[] =>
    changesBetween(before, after)
      .filter((c) => c.kind !== 'annotation-changed' || !c.explanation.includes('described'))
      .map((c) => `${c.kind} ${c.path}: ${c.explanation}`);

  it('says the field is now required only under the rule, and that old data is still valid (a MINOR)', () => {
    const changes = changesBetween(event(['end']), event([], rule));
    expect(explain(event(['end']), event([], rule))).toEqual([
      'required-removed /end: field "end" is no longer required in every record, only under the rule in allOf[0], added > if ... then: old data still valid; new data may fall outside the old version',
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('minor');
  });

  it('says the reverse tightens (a MAJOR), naming the rule it was required under', () => {
    const changes = changesBetween(event([], rule), event(['end']));
    expect(explain(event([], rule), event(['end']))).toEqual([
      'required-added /end: field "end" is now required in every record, where it was required only under the rule in allOf[0], removed > if ... then: old data may now be rejected',
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
  });

  it('names the field a dependentRequired rule depends on', () => {
    expect(explain(event(['end']), event([], { dependentRequired: { kind: ['end'] } }))).toEqual([
      'required-removed /end: field "end" is no longer required in every record, only when "kind" is present: old data still valid; new data may fall outside the old version',
    ]);
  });

  it('calls a rule requiring a field every record carries anyway an annotation (a PATCH)', () => {
    const changes = changesBetween(event(['end']), event(['end'], rule));
    expect(explain(event(['end']), event(['end'], rule))).toEqual([
      'annotation-changed /end: field "end" is now required, which both versions require of every record anyway (in allOf[0], added > if ... then): no effect on validation',
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('patch');
  });
});

describe('the explanation of a type change the allowed values make moot', () => {
  const codes = (type: unknown, values: unknown[]): unknown => ({ type: 'object', properties: { x: { type, enum: values } } });

  it('says why the change has no effect (a PATCH), and still says when a value is refused', () => {
    const moot = changesBetween(codes('string', ['A', 'B']), codes(['string', 'integer'], ['A', 'B']));
    expect(moot.map((c) => `${c.kind} ${c.path}: ${c.explanation}`)).toEqual([
      'annotation-changed /x: type widened from string to string or integer, which the allowed values make moot (each is of a type both versions accept): no effect on validation',
    ]);
    expect(requiredBump(moot, 'BACKWARD')).toBe('patch');
    const refused = changesBetween(codes(['string', 'integer'], ['A', 1]), codes('string', ['A', 1])).filter((c) => c.kind !== 'csv-cells-changed');
    expect(refused.map((c) => `${c.kind}: ${c.explanation}`)).toEqual([
      'type-narrowed: type narrowed from string or integer to string: old data may now be rejected',
    ]);
  });
});

describe('the explanation of a limit, format or pattern judged on the allowed values', () => {
  const codes = (extra: Record<string, unknown>): unknown => ({ type: 'object', properties: { x: { type: 'string', ...extra } } });
  const explain = (before: unknown, after: unknown): string[] => changesBetween(before, after).map((c) => `${c.kind} ${c.path}: ${c.explanation}`);

  it('says a change every allowed value meets either way is moot', () => {
    expect(explain(codes({ enum: ['AB', 'CD'], maxLength: 5 }), codes({ enum: ['AB', 'CD'], maxLength: 2 }))).toEqual([
      'annotation-changed /x: maxLength changed from 5 to 2, which the allowed values make moot (each meets both): no effect on validation',
    ]);
    expect(explain(codes({ enum: ['2024-01-01'] }), codes({ enum: ['2024-01-01'], format: 'date' }))).toEqual([
      'annotation-changed /x: format date now checked, which the allowed values make moot (each meets both): no effect on validation',
    ]);
    expect(explain(codes({ enum: ['A', 1] }), codes({ enum: ['A'] }))).toEqual([
      'annotation-changed /x: code 1 removed, which the type (string) already refused: no effect on validation',
    ]);
  });

  it('decides two patterns on the allowed values, saying which way', () => {
    const changes = changesBetween(codes({ enum: ['A1', '22'], pattern: '^[A-Z0-9]{2}$' }), codes({ enum: ['A1', '22'], pattern: '^[A-Z][0-9]$' }));
    expect(changes.map((c) => `${c.kind} ${c.path}: ${c.explanation}`)).toEqual([
      'pattern-changed /x: pattern changed from ^[A-Z0-9]{2}$ to ^[A-Z][0-9]$; of the allowed values, the new one refuses some the old accepted: old data may now be rejected',
    ]);
    expect(changes[0]!.undecidable).toBeUndefined();
  });

  it('says a length limit a fixed-length pattern keeps is moot, and still refuses one below it', () => {
    const coded = (maxLength: number): unknown => codes({ pattern: '^[A-Z]{3}$', maxLength });
    expect(explain(coded(5), coded(3))).toEqual([
      'annotation-changed /x: maxLength changed from 5 to 3, which the pattern makes moot (every value it matches meets both): no effect on validation',
    ]);
    expect(explain(coded(5), coded(2))).toEqual(['max-length-decreased /x: maxLength changed from 5 to 2: old data may now be rejected']);
  });

  it('leaves a format it cannot check as it was (undecidable)', () => {
    const [change] = changesBetween(codes({ enum: ['a@b.c'], format: 'email' }), codes({ enum: ['a@b.c'], format: 'hostname' }));
    expect(change).toMatchObject({ kind: 'format-changed', undecidable: true });
  });
});
