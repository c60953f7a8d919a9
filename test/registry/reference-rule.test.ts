import { describe, expect, it } from 'vitest';
import { referenceProblems } from '../../src/registry/reference-rule.js';

const ID = 'https://conform.invalid/standards/visit/1.2.0';
const SHARED = new Set(['https://conform.invalid/standards/_common/dates', 'https://conform.invalid/standards/_common/identifiers']);

describe('the reference rule', () => {
  it('allows the version itself and the shared definitions, in each spelling', () => {
    const schema = {
      properties: {
        a: { $ref: '#' },
        b: { $ref: '#/$defs/x' },
        c: { $ref: '1.2.0#/$defs/x' },
        d: { $ref: '../_common/dates#/$defs/date' },
        e: { $ref: 'https://conform.invalid/standards/_common/identifiers#/$defs/nhsNumber' },
        f: { $dynamicRef: '#node' },
      },
      $defs: { x: { type: 'string' } },
    };
    expect(referenceProblems(schema, ID, SHARED)).toEqual([]);
  });

  it("refuses another standard's version, another version of this one, unknown shared names, other hosts and embedded $id", () => {
    const schema = {
      properties: {
        other: { $ref: '../emergency-care-attendance/2.0.0' },
        older: { $ref: '1.1.0#/$defs/x' },
        missing: { $ref: '../_common/nope#/$defs/x' },
        remote: { items: { $ref: 'https://example.org/s.json' } },
        dynamic: { $dynamicRef: '../_common/dates#meta' },
        embedded: { $id: 'https://conform.invalid/standards/other/9.9.9', type: 'string' },
      },
    };
    const problems = referenceProblems(schema, ID, SHARED);
    expect(problems.map((p) => p.pointer)).toEqual([
      '/properties/embedded/$id',
      '/properties/other/$ref',
      '/properties/older/$ref',
      '/properties/missing/$ref',
      '/properties/remote/items/$ref',
      '/properties/dynamic/$dynamicRef',
    ]);
    expect(problems[1]!.detail).toBe(
      '$ref "../emergency-care-attendance/2.0.0" refers to https://conform.invalid/standards/emergency-care-attendance/2.0.0: a version may refer only to itself and to the shared definitions (../_common/<name>), not to another standard\'s version: copy what you need into $defs',
    );
    expect(problems[3]!.detail).toMatch(/there is no shared definition "nope"/);
    expect(problems[5]!.detail).toMatch(/a \$dynamicRef may only refer within the version itself/);
  });
});
