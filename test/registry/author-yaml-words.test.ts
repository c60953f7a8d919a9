/**
 * An author's YAML of the wrong kind or shape, said in words: what the file must be and what it holds,
 * never Ajv's raw `/ type {"type":"object"}` (library load, so `conform check`, and publish over HTTP).
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { parseArtefact } from '../../src/registry/artefacts/artefact.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();

describe("a standard.yaml that is not a mapping of the standard's fields", () => {
  it.each([
    ['- id: covid-vaccination-event\n- title: COVID\n', 'a list (of 2 items)'],
    ['covid-vaccination-event\n', 'a single text'],
    ['42\n', 'a single number'],
    ['# only a comment\n', 'nothing (it is empty, or only comments or null)'],
  ])('%j: says what it must be and what it holds', async (text, holds) => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/standard.yaml');
    await writeFile(file, text);
    const error = (await loadLibrary(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `${file}: not a valid standard.yaml: it must be a YAML mapping of the standard's fields, one "key: value" line each (id, title, owner, versions, …; docs/authoring-standards.md), but it holds ${holds}`,
    );
  });

  it('a field of the wrong shape is named by its pointer, in words', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/standard.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^(\s*)status: published$/m, '$1status: live').replace(/^title: .*$/m, 'title: [a, list]'));
    const error = (await loadLibrary(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`${file}: not a valid standard.yaml: `);
    expect(error.message).toContain('/title must be a string');
    expect(error.message).toMatch(/\/versions\/\d+\/status must be one of: draft, published, deprecated, retired/);
    expect(error.message).not.toMatch(/\{"|keyword|allowedValues/);
  });
});

describe('a version file that is not a schema object', () => {
  it('says it must be a mapping and what it holds', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await writeFile(file, '- type: object\n');
    const error = (await loadLibrary(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `${file}: must hold a JSON Schema object, a YAML mapping of "key: value" lines (such as type: object and properties:), but it holds a list (of 1 item)`,
    );
  });
});

describe('an artefact document', () => {
  it('of the wrong kind says what it holds; a field of the wrong type is said in words', () => {
    expect(() => parseArtefact(['code-list'])).toThrow(
      'an artefact document must be an object (a YAML mapping of "key: value" lines), but it holds a list (of 1 item)',
    );
    const problems = (() => {
      try {
        parseArtefact({ kind: 'code-list', id: 7, version: '1.0.0' });
      } catch (error) {
        return (error as { problems?: { pointer: string; detail: string }[] }).problems;
      }
      return undefined;
    })();
    expect(problems).toContainEqual({ pointer: '/id', detail: 'must be a string' });
  });
});
