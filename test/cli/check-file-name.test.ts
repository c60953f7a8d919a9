/**
 * `conform check` and a new version of the immunisation batch file (after the latest) that only changes its file-name
 * convention: a widening (ODS codes of up to 12 characters) passes as a MINOR; a narrowing (up to 8) is
 * refused as a MINOR, with the part and what changed, and passes as the next MAJOR.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();
/** The bundled batch file's latest version, which the test versions follow. */
const LATEST = '10.3.0';

/** A scratch library with immunisation-batch `version` (a draft): 10.3.0 (the latest) with its ODS code's maxLength set to `maxLength`. */
async function withOdsLimit(version: string, maxLength: number): Promise<string> {
  const dir = await scratch();
  const standardDir = join(dir, 'immunisation-batch');
  const schema = await readFile(join(standardDir, `${LATEST}.yaml`), 'utf8');
  const edited = schema
    .replace(/(- name: ODS code\n(?:.*\n)*?\s+maxLength:) 10/, `$1 ${maxLength}`)
    .replace(`title: Immunisation batch file ${LATEST}`, `title: Immunisation batch file ${version}`);
  expect(edited).not.toBe(schema);
  await writeFile(join(standardDir, `${version}.yaml`), edited);
  await writeFile(join(standardDir, 'examples', `${version}.yaml`), await readFile(join(standardDir, 'examples', `${LATEST}.yaml`), 'utf8'));
  const meta = join(standardDir, 'standard.yaml');
  await writeFile(meta, `${(await readFile(meta, 'utf8')).trimEnd()}\n  - version: ${version}\n    status: draft\n    changelog: A test version.\n`);
  return dir;
}

async function check(dir: string): Promise<{ code: number; out: string }> {
  const c = captureIo(dir);
  const code = await main(['check', '--standards', dir], c.io);
  return { code, out: c.out() };
}

describe('conform check and the file-name convention', () => {
  it('passes a widened convention as a MINOR', async () => {
    const { code, out } = await check(await withOdsLimit('10.4.0', 12));
    expect(out).toMatch(/^check passed: 5 standards/);
    expect(code).toBe(0);
  });

  it('refuses a narrowed convention as a MINOR, naming the part and what changed, and passes it as the next MAJOR', async () => {
    const { code, out } = await check(await withOdsLimit('10.4.0', 8));
    expect(code).toBe(1);
    expect(out.split('\n').filter((l) => l.startsWith('✗'))).toEqual([
      "✗ immunisation-batch@10.4.0: 10.3.0 → 10.4.0 is a MINOR release, but file-name-narrowed at / breaks suppliers (a supplier's file valid under 10.3.0 may be refused by 10.4.0), so under BACKWARD it needs a new MAJOR (11.0.0): file name part 4 'ODS code': maxLength 10 → 8: refuses values of more than 8 characters (narrowing): a file name the old version accepted may now be refused (compatibility BACKWARD; declare a higher version or undo the change)",
    ]);
    expect((await check(await withOdsLimit('11.0.0', 8))).code).toBe(0);
  });
});
