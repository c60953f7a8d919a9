/**
 * `conform check` with an example carrying a 100 KB key: its findings are as a report gives them (validateValue
 * cuts a path at 1,000 characters), so a problem names the key cut, not 100 KB of it, and an invalid
 * example's expectation written with the whole key still matches the finding's cut path.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadLibrary } from '../../src/registry/library.js';
import { checkLibrary } from '../../src/registry/check.js';
import { MAX_FINDING_PATH } from '../../src/validation/finding-text.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();
const KEY = 'k'.repeat(100 * 1024);

/** A scratch library whose covid-vaccination-event 3.0.0 (additionalProperties: false) has the examples `add` makes. */
async function withExamples(add: (examples: { valid: { name: string; record: Record<string, unknown> }[]; invalid: unknown[] }) => void): Promise<string> {
  const dir = await scratch();
  const file = join(dir, 'covid-vaccination-event/examples/3.0.0.yaml');
  const examples = parseYaml(await readFile(file, 'utf8')) as Parameters<typeof add>[0];
  add(examples);
  await writeFile(file, stringifyYaml(examples, { lineWidth: 0 }));
  return dir;
}

describe('conform check: an example with a 100 KB key', () => {
  it('a valid example that fails on it: the problem names the key cut at the bound, not 100 KB of it', { timeout: 60_000 }, async () => {
    const dir = await withExamples((e) => e.valid.push({ name: 'long key', record: { ...e.valid[0]!.record, [KEY]: 1 } }));
    const { problems } = await checkLibrary(await loadLibrary(dir));
    // Its own version, and 3.1.0, the MINOR after it, which must take 3.0.0's valid examples too.
    expect(problems.map((p) => p.where)).toEqual(['covid-vaccination-event@3.0.0', 'covid-vaccination-event@3.1.0']);
    expect(problems[1]!.message).toContain(`rejects valid example "long key" of 3.0.0 (/${'k'.repeat(MAX_FINDING_PATH - 2)}…`);
    expect(problems[1]!.message.length).toBeLessThan(MAX_FINDING_PATH + 200);
    expect(problems[0]!.message).toBe(`valid example "long key" fails: /${'k'.repeat(MAX_FINDING_PATH - 2)}… additionalProperties`);
  });

  it('an invalid example expecting the finding at the whole key: matched through the cut', { timeout: 60_000 }, async () => {
    const dir = await withExamples((e) =>
      e.invalid.push({ name: 'long key', record: { ...e.valid[0]!.record, [KEY]: 1 }, expect: [{ path: `/${KEY}`, rule: 'additionalProperties' }] }),
    );
    expect((await checkLibrary(await loadLibrary(dir))).problems).toEqual([]);
  });
});
