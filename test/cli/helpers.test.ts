/** Helpers for authors and suppliers: `standards <id>` (the field table), `template`, `--format` against the file name, `tokens list` on an empty or wrong store, and commands that need no store running without better-sqlite3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { captureIo } from '../support/cli-io.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-helpers-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[], env?: NodeJS.ProcessEnv) {
  const c = captureIo(dir);
  const code = await main(argv, env ? { ...c.io, env } : c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('conform standards <id>[@version]', () => {
  it('shows the version and a table of its fields: name, type, use, format, codes', async () => {
    const r = await cli(['standards', 'patient-demographics@1.1.0']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('patient-demographics@1.1.0  Patient demographics (published)');
    expect(lines).toContain(
      '  versions: 1.0.0 (published), 1.1.0 (published), 2.0.0 (published), 2.0.1 (published), 2.0.2 (published), 2.0.3 (published), 2.1.0 (published)',
    );
    expect(r.out).toMatch(/^ {2}field +type +use +format +codes$/m);
    expect(r.out).toMatch(/^ {2}nhsNumber \(sensitive\) +string +required +nhs-number$/m);
    expect(r.out).toMatch(/^ {2}personStatedGender +code +required +1, 2, 9, X$/m);
    expect(r.out).toMatch(/^ {2}ethnicCategory +code +expected +A, B, C, D, E, F, G, H, … \(\d+ codes\)$/m);
    expect(r.out).toMatch(/^ {2}address\.postcode \(sensitive\) +string +required +uk-postcode$/m);
  });

  it('marks a field a conditional rule requires, and says when, and when a field counts in the scorecard', async () => {
    const r = await cli(['standards', 'immunisation-batch@10.2.0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}PERSON_FORENAME \(sensitive\) +string +conditional$/m);
    expect(r.out).toMatch(/^ {2}VACCINE_MANUFACTURER +string +optional$/m);
    expect(r.out).toContain('\nRequired when ACTION_FLAG is NEW or UPDATE: PERSON_FORENAME, PERSON_SURNAME, PERSON_DOB,');
    expect(r.out).toContain('\nCounted in the scorecard only when ACTION_FLAG is NEW or UPDATE (in any case): NHS_NUMBER, PERSON_FORENAME,');
    const json = JSON.parse((await cli(['standards', 'immunisation-batch@10.2.0', '--json'])).out);
    expect(json.fields.find((f: { name: string }) => f.name === 'PERSON_SURNAME')).toMatchObject({
      use: 'Optional',
      requiredWhen: 'when ACTION_FLAG is NEW or UPDATE',
    });
  });

  it('resolves a major version, and gives every field with labels as JSON', async () => {
    const r = await cli(['standards', 'emergency-care-attendance@1', '--json']);
    const detail = JSON.parse(r.out);
    expect(detail).toMatchObject({ id: 'emergency-care-attendance', version: '1.0.0', status: 'deprecated' });
    const gender = detail.fields.find((f: { name: string }) => f.name === 'personStatedGender');
    expect(gender.codes[0]).toMatchObject({ code: '1', label: expect.any(String) });
  });

  it('exits 2 naming what exists for an unknown standard or version', async () => {
    expect(await cli(['standards', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('conform: unknown standard "nope"; the library has:') });
    expect(await cli(['standards', 'patient-demographics@7'])).toMatchObject({ code: 2, err: expect.stringContaining('has no version matching "7"') });
  });
});

describe('conform template', () => {
  it('writes, for every version in the library, a CSV template that validates against that version', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    for (const standard of library.standards.values()) {
      for (const { version } of standard.versions) {
        const ref = `${standard.meta.id}@${version}`;
        const file = `${standard.meta.id}-${version}.csv`;
        const made = await cli(['template', ref, '--out', file]);
        expect(made.code, made.err).toBe(0);
        expect(made.out).toMatch(new RegExp(`^wrote ${file}: the header of ${ref} \\(\\d+ columns\\) and the example "`));
        const [header, row, rest] = (await readFile(join(dir, file), 'utf8')).split('\n');
        // In the version's dialect: pipes for the immunisation batch file, commas otherwise.
        expect(header!.split(standard.meta.id === 'immunisation-batch' ? '|' : ',').length).toBeGreaterThan(5);
        expect(row).not.toBe('');
        expect(rest).toBe('');
        // A standard with a file-name convention is validated under a name that keeps it.
        const named = standard.meta.id === 'immunisation-batch' ? ['--file-name', 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv'] : [];
        const checked = await cli(['validate', file, '--standard', ref, '--json', ...named]);
        expect(checked.code, `${ref}: ${checked.out}`).toBe(0);
        expect(JSON.parse(checked.out).stats).toMatchObject({ records: 1, valid: 1 });
      }
    }
    // Two commands a version, each loading the library: the time grows with the library (about 25 s for 28
    // versions on a busy two-core machine), so the test's limit is set apart from the suite's.
  }, 180_000);

  // The immunisation batch template, saved under any other name, failed validation with a file-name error
  // and nothing had said the name mattered.
  it('says how to name the file for a version with a file-name convention, and only when the name breaks it', async () => {
    const note =
      "conform: immunisation-batch@7.0.0 checks the file's name: {VACC}_Vaccinations_v5_{ODS code}_{YYYYMMDDThhmmsszz}.csv (or .dat), e.g. FLU_Vaccinations_v5_B86001_20240610T18332500.csv, with VACC one of the vaccine types of the national disease mapping; save the template under such a name, or validate it with --file-name <such a name>, else it fails with a file-name finding\n";
    expect((await cli(['template', 'immunisation-batch@7', '--out', 'batch.csv'])).err).toBe(note);
    expect((await cli(['template', 'immunisation-batch@7'])).err).toBe(note);
    const kept = await cli(['template', 'immunisation-batch@7', '--out', 'FLU_Vaccinations_v5_B86001_20240610T18332500.csv']);
    expect(kept).toMatchObject({ code: 0, err: '' });
    expect((await cli(['template', 'patient-demographics', '--out', 'people.csv'])).err).toBe('');
  });

  it('prints the template on standard output without --out, nested fields dotted', async () => {
    const r = await cli(['template', 'patient-demographics']);
    expect(r.code).toBe(0);
    const [header] = r.out.split('\n');
    expect(header).toContain('nhsNumber');
    expect(header).toContain('address.postcode');
  });
});

describe('conform validate --format', () => {
  it('refuses a --format the file name contradicts, with a hint', async () => {
    const r = await cli(['validate', 'data.csv', '--format', 'json', '--standard', 'patient-demographics']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`conform: the file's name "data.csv" says csv, but the file was declared json; rename the file if it holds json, or declare it csv\n`);
  });
});

describe('conform tokens list', () => {
  it('exits 2 on a store that does not exist, creating nothing', async () => {
    const r = await cli(['tokens', 'list'], { CONFORM_DATA_DIR: join(dir, 'nowhere') });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `conform: there is no store at the SQLite store ${join(dir, 'nowhere', 'conform.sqlite')} (CONFORM_DATA_DIR): set CONFORM_DATA_DIR (or DATABASE_URL) to the service's store, as for conform serve\n`,
    );
    await expect(readFile(join(dir, 'nowhere', 'conform.sqlite'))).rejects.toThrow(/ENOENT/);
  });

  it('says an existing store has no tokens', async () => {
    const env = { CONFORM_DATA_DIR: join(dir, 'store') };
    const created = await cli(['tokens', 'create', '--role', 'admin', '--name', 'ops', '--json'], env);
    expect(created.code).toBe(0);
    expect((await cli(['tokens', 'list'], env)).out).toContain('admin     ops  live');
    const { openAccess } = await import('../../src/app.js');
    const empty = { CONFORM_DATA_DIR: join(dir, 'empty-store') };
    const { close } = await openAccess({ dataDir: empty.CONFORM_DATA_DIR, databaseUrl: undefined });
    await close();
    const r = await cli(['tokens', 'list'], empty);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `conform: the SQLite store ${join(dir, 'empty-store', 'conform.sqlite')} (CONFORM_DATA_DIR) has no tokens; conform serve creates an admin token on first start\n`,
    );
  });
});

describe('without better-sqlite3', () => {
  // A module hook that makes better-sqlite3 unloadable, as on an install whose native build was skipped.
  const hook = 'export async function resolve(s, c, n) { if (s === "better-sqlite3") throw new Error("blocked"); return n(s, c); }';
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`;
  const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run('node', ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(process.cwd(), 'bin/conform.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);

  it('validates, lists standards and writes templates, and a store command says what it needs', async () => {
    const sample = join(process.cwd(), 'test/fixtures/emergency-care-attendance-sample.csv');
    expect(await node(['validate', sample, '--standard', 'emergency-care-attendance'])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('INVALID: 10 records, 4 valid, 6 invalid'),
    });
    expect(await node(['standards'])).toMatchObject({ stdout: expect.stringContaining('patient-demographics') });
    const store = await node(['tokens', 'create', '--role', 'admin', '--name', 'x'], { CONFORM_DATA_DIR: join(dir, 'blocked-store') });
    expect(store).toMatchObject({ code: 2 });
    expect((store as { stderr: string }).stderr).toMatch(
      /^conform: the embedded SQLite store needs the better-sqlite3 package built for this Node\.js .*npm rebuild better-sqlite3.*DATABASE_URL\n$/,
    );
  });
});
