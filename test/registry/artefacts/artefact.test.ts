import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ArtefactError, parseArtefact } from '../../../src/registry/artefacts/artefact.js';
import { compareArtefacts } from '../../../src/registry/artefacts/diff.js';
import { isSemantic } from '../../../src/registry/diff/types.js';
import { parseArtefactUri } from '../../../src/registry/artefacts/refs.js';

const list = (version: string, codes: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: 'code-list',
  id: 'colour',
  version,
  title: 'Colour',
  codes,
  ...extra,
});
const RED = { code: 'R', label: 'Red' };
const BLUE = { code: 'B', label: 'Blue' };
const UNKNOWN = { code: 'X', label: 'Not known', default: true, dqmiThreshold: 0.05 };

function problemsOf(value: unknown): { pointer: string; detail: string }[] {
  try {
    parseArtefact(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ArtefactError);
    return (error as ArtefactError).problems;
  }
  throw new Error('expected an ArtefactError');
}

describe('code-list artefacts', () => {
  it('compile to enum, x-labels and x-default-codes under a conform: URI, with a content hash', () => {
    const artefact = parseArtefact(list('1.0.0', [RED, BLUE, UNKNOWN]));
    expect(artefact.uri).toBe('conform:code-lists/colour/1.0.0');
    expect(artefact.schema).toEqual({
      title: 'Colour',
      type: 'string',
      enum: ['R', 'B', 'X'],
      'x-labels': { R: 'Red', B: 'Blue', X: 'Not known' },
      'x-default-codes': ['X'],
    });
    expect(artefact.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseArtefact(list('1.0.0', [RED, BLUE, UNKNOWN])).contentHash).toBe(artefact.contentHash);
    expect(parseArtefact(list('1.0.0', [RED, { ...BLUE, label: 'Navy' }, UNKNOWN])).contentHash).not.toBe(artefact.contentHash);
  });

  it('the bundled ethnic category 1.0.0 compiles to exactly the shared _common definition it replaces', () => {
    const common = parse(readFileSync('standards/_common/code-lists.yaml', 'utf8')) as { $defs: Record<string, unknown> };
    const artefact = parseArtefact(parse(readFileSync('standards/_code-lists/ethnic-category/1.0.0.yaml', 'utf8')));
    expect(artefact.schema).toEqual(common.$defs.ethnicCategory);
  });

  it('refuses duplicate codes, thresholds on codes that are not defaults and dates out of order, naming each code', () => {
    const problems = problemsOf(
      list('1.0.0', [
        RED,
        { code: 'R', label: 'Rouge' },
        { code: 'B', label: 'Blue', dqmiThreshold: 0.1 },
        { code: 'G', label: 'Green', effectiveFrom: '2024-01-01', effectiveTo: '2023-01-01' },
      ]),
    );
    expect(problems).toEqual([
      { pointer: '/codes/1/code', detail: 'code "R" is listed twice (also at /codes/0)' },
      { pointer: '/codes/2/dqmiThreshold', detail: 'code "B" has a DQMI threshold but is not a default code (default: true)' },
      { pointer: '/codes/3/effectiveTo', detail: 'code "G" stops being effective (2023-01-01) before it starts (2024-01-01)' },
    ]);
  });

  it('refuses a code that is not a string and a missing label, by pointer', () => {
    const problems = problemsOf(list('1.0.0', [{ code: 99, label: 'Not known' }, { code: 'A' }]));
    expect(problems.map((p) => p.pointer)).toEqual(['/codes/0/code', '/codes/1/label']);
  });

  it('refuses a version that is not exact semver and an unknown kind', () => {
    expect(problemsOf(list('1.0', [RED]))).toEqual([{ pointer: '/version', detail: 'must be MAJOR.MINOR.PATCH, such as 1.0.0' }]);
    expect(problemsOf({ kind: 'value-set', id: 'x', version: '1.0.0' })[0]!.pointer).toBe('/kind');
  });
});

describe('definitions artefacts', () => {
  const defs = (version: string, $defs: Record<string, unknown>) => ({ kind: 'definitions', id: 'ids', version, schema: { title: 'Identifiers', $defs } });

  it('keep their schema as it is', () => {
    const artefact = parseArtefact(defs('1.0.0', { code: { type: 'string', maxLength: 8 } }));
    expect(artefact.uri).toBe('conform:definitions/ids/1.0.0');
    expect(artefact.schema).toEqual({ title: 'Identifiers', $defs: { code: { type: 'string', maxLength: 8 } } });
    expect(artefact.title).toBe('Identifiers');
  });

  it('refuse a cycle of $refs, default codes outside the enum and references that are not exact, naming the definition', () => {
    const problems = problemsOf(
      defs('1.0.0', {
        a: { $ref: '#/$defs/b' },
        b: { $ref: '#/$defs/a' },
        coded: { enum: ['1', '2'], 'x-default-codes': ['9'] },
        other: { $ref: 'conform:code-lists/colour/1' },
      }),
    );
    expect(problems).toEqual([
      { pointer: '/schema/$defs/other/$ref', detail: expect.stringContaining('"1" is not an exact version') },
      { pointer: '/schema/$defs/a', detail: expect.stringContaining('definition a is a cycle of $refs') },
      { pointer: '/schema/$defs/b', detail: expect.stringContaining('definition b is a cycle of $refs') },
      { pointer: '/schema/$defs/coded/x-default-codes', detail: 'default code "9" of coded is not in its enum' },
    ]);
  });
});

describe('artefact compatibility', () => {
  const v1 = parseArtefact(list('1.0.0', [RED, BLUE, UNKNOWN]));

  it('a code removed is MAJOR; published as MINOR it is a problem naming the code', () => {
    const result = compareArtefacts(v1, parseArtefact(list('1.1.0', [RED, UNKNOWN])));
    expect(result.needed).toBe('major');
    expect(result.changes.filter(isSemantic).map((c) => [c.kind, c.before])).toEqual([['enum-value-removed', 'B']]);
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/MINOR release, but enum-value-removed .*code "B" removed/)]);
    expect(compareArtefacts(v1, parseArtefact(list('2.0.0', [RED, UNKNOWN]))).problems).toEqual([]);
  });

  it('a code added is MINOR, a label-only change PATCH (and a bigger bump than needed is allowed)', () => {
    const added = compareArtefacts(v1, parseArtefact(list('1.1.0', [RED, BLUE, { code: 'G', label: 'Green' }, UNKNOWN])));
    expect([added.needed, added.changes.filter(isSemantic).map((c) => c.kind), added.problems]).toEqual(['minor', ['enum-value-added'], []]);
    const relabelled = compareArtefacts(v1, parseArtefact(list('1.0.1', [RED, { ...BLUE, label: 'Navy blue' }, UNKNOWN])));
    expect([relabelled.needed, relabelled.changes.map((c) => c.explanation), relabelled.problems]).toEqual([
      'patch',
      [expect.stringContaining('labels changed for code B')],
      [],
    ]);
    expect(compareArtefacts(v1, parseArtefact(list('2.0.0', [RED, { ...BLUE, label: 'Navy blue' }, UNKNOWN]))).problems).toEqual([]);
    const relabelledAsNothing = compareArtefacts(v1, parseArtefact(list('1.0.1', [RED, { ...BLUE, effectiveTo: '2030-01-01' }, UNKNOWN])));
    expect(relabelledAsNothing.changes.map((c) => c.explanation)).toEqual([expect.stringContaining('effectiveTo of code "B" changed')]);
  });

  it('a definition narrowed or removed is MAJOR, one added MINOR', () => {
    const defs = (version: string, $defs: Record<string, unknown>) => parseArtefact({ kind: 'definitions', id: 'ids', version, schema: { $defs } });
    const before = defs('1.0.0', { code: { type: 'string', maxLength: 8 }, old: { type: 'string' } });
    const narrowed = compareArtefacts(before, defs('1.1.0', { code: { type: 'string', maxLength: 6 }, added: { type: 'integer' } }));
    expect(narrowed.needed).toBe('major');
    expect(narrowed.changes.map((c) => [c.kind, c.path])).toEqual([
      ['max-length-decreased', '#/$defs/code'],
      ['subschema-removed', '#/$defs/old'],
      ['subschema-added', '#/$defs/added'],
    ]);
    expect(narrowed.problems).toHaveLength(2);
  });

  it('bundled ethnic category 1.0.1 is a PATCH of 1.0.0 (labels only)', () => {
    const read = (v: string) => parseArtefact(parse(readFileSync(`standards/_code-lists/ethnic-category/${v}.yaml`, 'utf8')));
    const result = compareArtefacts(read('1.0.0'), read('1.0.1'));
    expect([result.needed, result.problems]).toEqual(['patch', []]);
  });
});

describe('artefact references', () => {
  it('parse exact versions and name what is wrong otherwise', () => {
    expect(parseArtefactUri('conform:code-lists/ethnic-category/1.0.1')).toEqual({ key: { kind: 'code-list', id: 'ethnic-category', version: '1.0.1' } });
    expect(parseArtefactUri('conform:code-lists/ethnic-category/latest')).toEqual({ problem: expect.stringContaining('not an exact version') });
    expect(parseArtefactUri('conform:value-sets/x/1.0.0')).toEqual({ problem: expect.stringContaining('has the form') });
    expect(parseArtefactUri('https://conform.invalid/standards/_common/dates')).toBeUndefined();
  });
});

describe('code generation with artefacts', () => {
  it('carries the referenced code-list version and names its type after the artefact id', async () => {
    const { loadLibrary } = await import('../../../src/registry/library.js');
    const { bundledStandardsDir } = await import('../../../src/registry/bundled.js');
    const { codegenSource } = await import('../../../src/codegen/source.js');
    const { generateTypes } = await import('../../../src/codegen/typescript-types.js');
    const library = await loadLibrary(bundledStandardsDir());
    const version = library.standards.get('patient-demographics')!.versions.find((v) => v.version === '2.0.1')!;
    const source = codegenSource(
      { standardId: 'patient-demographics', version: '2.0.1', contentHash: version.contentHash, schema: version.schema },
      version.compiled.source.shared,
    );
    expect(source.shared.map(([id]) => id)).toContain('conform:code-lists/ethnic-category/1.0.1');
    const types = await generateTypes(source);
    expect(types).toContain('ethnicCategory?: EthnicCategory;');
    expect(types).toContain('`99`: Not known (not asked, or unable to answer)');
  });
});
