/**
 * The bundled library's real version pairs, and `conform check` enforcing semver and the compatibility
 * policy between successive versions (on scratch copies with a new version added).
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../../src/registry/library.js';
import { bundledStandardsDir } from '../../../src/registry/bundled.js';
import { checkLibrary } from '../../../src/registry/check.js';
import { sharedDocuments, standardEvolution } from '../../../src/registry/diff/evolution.js';
import { checkVersionBump, requiredBump } from '../../../src/registry/diff/compatibility.js';
import { validateValue } from '../../../src/validation/validate.js';
import { readYaml } from '../../../src/registry/library.js';
import type { Change } from '../../../src/registry/diff/types.js';
import { scratchLibraries } from '../../support/library-copy.js';

const scratch = scratchLibraries();
let bundled: Library | undefined;
const library = async (): Promise<Library> => (bundled ??= await loadLibrary(bundledStandardsDir()));

async function changes(id: string, from: string, to: string): Promise<Change[]> {
  const lib = await library();
  const standard = lib.standards.get(id)!;
  const version = (v: string) => standard.versions.find((x) => x.version === v)!;
  return standardEvolution(standard, sharedDocuments(lib)).between(version(from), version(to)).changes;
}

const semantic = (list: Change[]): string[] => list.filter((c) => c.kind !== 'annotation-changed').map((c) => `${c.path} ${c.kind}`);

describe('the bundled library', () => {
  it('patient-demographics 1.0.0 -> 1.1.0 is additive: MINOR', async () => {
    const list = await changes('patient-demographics', '1.0.0', '1.1.0');
    expect(semantic(list).sort()).toEqual(['/address/uprn property-added', '/genderIdentity property-added']);
    expect(list.some((c) => c.breaksSuppliers)).toBe(false);
    expect(requiredBump(list, 'BACKWARD')).toBe('minor');
    expect(checkVersionBump('1.0.0', '1.1.0', list, 'BACKWARD')).toEqual([]);
  });

  it('immunisation-batch 10.1.0 -> 10.2.0 changes only where the scorecard counts columns: at least a PATCH, and the MINOR made passes', async () => {
    const list = await changes('immunisation-batch', '10.1.0', '10.2.0');
    expect(semantic(list)).toEqual([]);
    expect(requiredBump(list, 'BACKWARD')).toBe('patch');
    expect(checkVersionBump('10.1.0', '10.2.0', list, 'BACKWARD')).toEqual([]);
    expect(list.find((c) => c.explanation.startsWith('x-applicable'))!.explanation).toBe(
      'x-applicable changed (the scorecard counts a field as applicable to other records; what is valid is unchanged): NHS_NUMBER, VACCINE_PRODUCT_CODE and 16 more fields now apply to more records: those where ACTION_FLAG is NEW or UPDATE (in any case); before, those where ACTION_FLAG is NEW, UPDATE, new, update, New or Update: no effect on validation',
    );
  });

  it('immunisation-batch 10.2.0 -> 10.3.0 makes its advice and code lists on NEW and UPDATE rows only: fewer warnings, no rejection, a MINOR', async () => {
    const list = await changes('immunisation-batch', '10.2.0', '10.3.0');
    expect(semantic(list).sort()).toEqual([...Array(10).fill(' advice-changed'), ' file-name-codes-changed']);
    expect(list.some((c) => c.breaksSuppliers || c.breaksConsumers)).toBe(false);
    expect(requiredBump(list, 'BACKWARD')).toBe('minor');
    expect(checkVersionBump('10.2.0', '10.3.0', list, 'BACKWARD')).toEqual([]);
    expect(checkVersionBump('10.2.0', '10.2.1', list, 'BACKWARD').length).toBeGreaterThan(0);
    expect(list.find((c) => c.explanation.startsWith('advice "postcode-format"'))!.explanation).toBe(
      'advice "postcode-format" (/PERSON_POSTCODE should be uk-postcode) is now made only when ACTION_FLAG is NEW or UPDATE (in any case) (was on every record): advice gives warnings only, never an error: old and new data both still valid',
    );
    expect(list.find((c) => c.kind === 'file-name-codes-changed')!.explanation).toBe(
      'the code lists the file name chooses changed (now checked only when ACTION_FLAG is NEW or UPDATE (in any case) (was on every record)); a code not listed is a warning, never an error: every file name is accepted as before; only warnings change',
    );
  });

  it('the UK-offset advice (ECDS 3.1.0, COVID-19 vaccination 3.1.0, patient demographics 2.1.0): warnings added, a MINOR, said in words', async () => {
    for (const [id, from, to, rules] of [
      ['emergency-care-attendance', '3.0.2', '3.1.0', 8],
      ['covid-vaccination-event', '3.0.0', '3.1.0', 2],
      ['patient-demographics', '2.0.3', '2.1.0', 2],
    ] as const) {
      const list = await changes(id, from, to);
      expect(semantic(list), id).toEqual(Array(rules).fill(' advice-added'));
      expect(list.some((c) => c.breaksSuppliers || c.breaksConsumers)).toBe(false);
      expect(requiredBump(list, 'BACKWARD')).toBe('minor');
      expect(checkVersionBump(from, to, list, 'BACKWARD')).toEqual([]);
      expect(
        checkVersionBump(
          from,
          from.replace(/\d+$/, (p) => String(Number(p) + 1)),
          list,
          'BACKWARD',
        ).length,
      ).toBeGreaterThan(0);
    }
    const list = await changes('patient-demographics', '2.0.3', '2.1.0');
    expect(list.find((c) => c.explanation.startsWith('advice "last-updated-bst-in-gmt"'))!.explanation).toBe(
      'advice "last-updated-bst-in-gmt" (/lastUpdated should be bst-offset-in-bst: a date-time with the BST offset (+01:00) only when the UK was on BST (from the last Sunday of March to the last Sunday of October)) added: advice gives warnings only, never an error: old and new data both still valid',
    );
  });

  it('emergency-care-attendance 1.0.0 -> 2.0.0 is breaking: MAJOR', async () => {
    const list = await changes('emergency-care-attendance', '1.0.0', '2.0.0');
    expect(semantic(list)).toEqual(expect.arrayContaining(['/activityStartDateTime required-added', '/arrivalDateTime property-removed']));
    expect(list.find((c) => c.kind === 'property-removed')).toMatchObject({ breaksSuppliers: true, breaksConsumers: false });
    expect(list.filter((c) => c.kind === 'consistency-rule-changed')).toHaveLength(3);
    expect(requiredBump(list, 'BACKWARD')).toBe('major');
    expect(checkVersionBump('1.0.0', '2.0.0', list, 'BACKWARD')).toEqual([]);
    const asMinor = checkVersionBump('1.0.0', '1.1.0', list, 'BACKWARD').map((p) => p.change?.kind);
    expect(asMinor).toEqual(expect.arrayContaining(['required-added', 'property-removed', 'consistency-rule-changed']));
  });

  it.each([
    ['adult-social-care-client-level', '2.0.0', '2.0.1', '/postcode'],
    ['emergency-care-attendance', '3.0.0', '3.0.1', '/postcode'],
    ['patient-demographics', '2.0.1', '2.0.2', '/address/postcode'],
    // ZZ99 3CZ, 3GZ, 1WZ and 2WZ (a UK country, postcode not otherwise stated) join ZZ99 3WZ.
    ['adult-social-care-client-level', '2.0.1', '2.0.2', '/postcode'],
    ['emergency-care-attendance', '3.0.1', '3.0.2', '/postcode'],
    ['patient-demographics', '2.0.2', '2.0.3', '/address/postcode'],
  ] as const)('%s %s -> %s (default codes of %s declared) changes annotations only: PATCH', async (id, from, to, field) => {
    const list = await changes(id, from, to);
    expect(semantic(list)).toEqual([]);
    expect(list.filter((c) => c.path === field).map((c) => c.kind)).toContain('annotation-changed');
    expect(list.some((c) => c.breaksSuppliers || c.breaksConsumers)).toBe(false);
    expect(requiredBump(list, 'BACKWARD')).toBe('patch');
    expect(checkVersionBump(from, to, list, 'BACKWARD')).toEqual([]);
  });

  it.each([
    // Corrections published the way an author would: a corrective MINOR where only values are added...
    ['adult-social-care-client-level', '1.1.0', '1.2.0', 'minor', ['/serviceType enum-value-added']],
    ['covid-vaccination-event', '2.0.0', '2.1.0', 'minor', ['/vaccinationProcedure enum-value-added', '/doseSequence property-added']],
    // ...and a MAJOR where the correction rejects what the previous version accepted.
    [
      'adult-social-care-client-level',
      '1.2.0',
      '2.0.0',
      'major',
      ['/serviceType enum-value-removed', '/eventStartDate consistency-rule-added', '/dateOfDeath consistency-rule-added'],
    ],
    [
      'covid-vaccination-event',
      '2.1.0',
      '3.0.0',
      'major',
      ['/expiryDate consistency-rule-added', '/vaccinationDateTime consistency-rule-added', '/locationOdsCode format-changed'],
    ],
    [
      'emergency-care-attendance',
      '2.0.0',
      '3.0.0',
      'major',
      ['/siteOdsCode format-changed', '/providerOdsCode format-narrowed', '/activityStartDateTime consistency-rule-added'],
    ],
    ['patient-demographics', '1.1.0', '2.0.0', 'major', ['/gpPracticeCode format-added', '/gpPracticeCode pattern-removed', '/lastUpdated format-narrowed']],
  ] as const)('%s %s -> %s is classified %s, as declared', async (id, from, to, bump, expected) => {
    const list = await changes(id, from, to);
    expect(semantic(list)).toEqual(expect.arrayContaining([...expected]));
    expect(requiredBump(list, 'BACKWARD')).toBe(bump);
    expect(checkVersionBump(from, to, list, 'BACKWARD')).toEqual([]);
    if (bump === 'major')
      expect(
        checkVersionBump(
          from,
          from.replace(/^(\d+)\.(\d+)\.\d+$/, (_, a: string, b: string) => `${a}.${Number(b) + 1}.0`),
          list,
          'BACKWARD',
        ),
      ).not.toEqual([]);
  });

  it('every pair the diff calls backward-compatible keeps the earlier valid examples valid', async () => {
    const lib = await library();
    let proved = 0;
    for (const standard of lib.standards.values()) {
      const evolution = standardEvolution(standard, sharedDocuments(lib));
      for (const [i, earlier] of standard.versions.entries()) {
        for (const later of standard.versions.slice(i + 1)) {
          if (evolution.between(earlier, later).changes.some((c) => c.breaksSuppliers)) continue;
          const examples = (await readYaml(join(standard.dir, 'examples', `${earlier.version}.yaml`))) as { valid: { record: unknown }[] };
          // Valid: no error. A later version may warn of more (immunisation-batch 10.1.0 of a placeholder NHS number).
          for (const example of examples.valid) expect(validateValue(later.compiled, example.record).filter((f) => f.severity === 'error')).toEqual([]);
          proved++;
        }
      }
    }
    expect(proved).toBeGreaterThanOrEqual(4); // patient-demographics 1.0.0 -> 1.1.0, adult-social-care 1.x, covid 2.0.0 -> 2.1.0
  });

  it('passes conform check, semver and policies included', async () => {
    expect((await checkLibrary(await library())).problems).toEqual([]);
  });
});

/** Adds a draft version of patient-demographics made from 1.1.0 by `edit`, with 1.1.0's examples. */
async function addVersion(version: string, edit: (schema: string) => string): Promise<string> {
  const dir = await scratch();
  const standardDir = join(dir, 'patient-demographics');
  const schema = await readFile(join(standardDir, '1.1.0.yaml'), 'utf8');
  const edited = edit(schema);
  expect(edited).not.toBe(schema);
  await writeFile(join(standardDir, `${version}.yaml`), edited);
  await writeFile(join(standardDir, 'examples', `${version}.yaml`), await readFile(join(standardDir, 'examples', '1.1.0.yaml'), 'utf8'));
  const metaFile = join(standardDir, 'standard.yaml');
  await writeFile(metaFile, `${(await readFile(metaFile, 'utf8')).trimEnd()}\n  - version: ${version}\n    status: draft\n    changelog: A test version.\n`);
  return dir;
}

const shortNames = (schema: string): string => schema.replace(/(givenName:\n(?:.*\n)*?\s+maxLength:) 35/, '$1 30');
const withNote = (schema: string): string =>
  schema.replace(/(\n {2}gpPracticeCode:\n)/, '\n  note:\n    description: A free-text note.\n    type: string\n    maxLength: 200$1');

describe('conform check enforces semver under the compatibility policy', () => {
  it('refuses a breaking change declared as a MINOR, naming the change', async () => {
    const { problems } = await checkLibrary(await loadLibrary(await addVersion('1.2.0', shortNames)));
    expect(problems).toEqual([
      {
        where: 'patient-demographics@1.2.0',
        message: expect.stringMatching(
          /^1\.1\.0 → 1\.2\.0 is a MINOR release, but max-length-decreased at \/givenName breaks suppliers \(a supplier's file valid under 1\.1\.0 may be refused by 1\.2\.0\), so under BACKWARD it needs a new MAJOR \(2\.0\.0\): maxLength changed from 35 to 30: old data may now be rejected/,
        ),
      },
    ]);
  });

  it('accepts it as the next MAJOR', async () => {
    // The library already has patient-demographics 2.0.0, so the next MAJOR is 3.0.0.
    expect((await checkLibrary(await loadLibrary(await addVersion('3.0.0', shortNames)))).problems).toEqual([]);
  });

  it('accepts an optional field as a MINOR and refuses it as a PATCH', async () => {
    expect((await checkLibrary(await loadLibrary(await addVersion('1.2.0', withNote)))).problems).toEqual([]);
    const { problems } = await checkLibrary(await loadLibrary(await addVersion('1.1.1', withNote)));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^1\.1\.0 → 1\.1\.1 is a PATCH release, but property-added at \/note changes what is valid, so it needs at least a MINOR \(1\.2\.0\)/,
      ),
    ]);
  });

  it('holds a TRANSITIVE policy against every earlier version', async () => {
    const dir = await addVersion('1.2.0', withNote);
    const metaFile = join(dir, 'patient-demographics', 'standard.yaml');
    await writeFile(metaFile, (await readFile(metaFile, 'utf8')).replace('compatibility: BACKWARD', 'compatibility: FULL_TRANSITIVE'));
    const { problems } = await checkLibrary(await loadLibrary(dir));
    // Under FULL, any added field breaks consumers: 1.1.0 (after 1.0.0) and 1.2.0 (after 1.0.0 and 1.1.0) are refused.
    const semverProblems = problems.filter((p) => p.message.includes(' → '));
    expect(semverProblems.map((p) => `${p.where} ${/^\S+ → \S+/.exec(p.message)?.[0]} ${/(\S+) at (\S+)/.exec(p.message)?.slice(1).join(' ')}`).sort()).toEqual(
      [
        'patient-demographics@1.1.0 1.0.0 → 1.1.0 property-added /address/uprn',
        'patient-demographics@1.1.0 1.0.0 → 1.1.0 property-added /genderIdentity',
        'patient-demographics@1.2.0 1.0.0 → 1.2.0 property-added /address/uprn',
        'patient-demographics@1.2.0 1.0.0 → 1.2.0 property-added /genderIdentity',
        'patient-demographics@1.2.0 1.0.0 → 1.2.0 property-added /note',
        'patient-demographics@1.2.0 1.1.0 → 1.2.0 property-added /note',
      ],
    );
    // And, proved with data: within one MAJOR under FULL, 1.0.0 must accept the later versions' valid examples.
    const dataProblems = problems.filter((p) => !p.message.includes(' → '));
    expect(dataProblems.length).toBeGreaterThan(0);
    for (const p of dataProblems) {
      expect(p.where).toBe('patient-demographics@1.0.0');
      expect(p.message).toMatch(
        /^rejects valid example ".*" of 1\.[12]\.0 \(.*additionalProperties.*\), so it breaks consumers and needs a new MAJOR version$/,
      );
    }
  });
});
