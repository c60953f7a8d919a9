import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { LibraryError } from '../../src/registry/library.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { scratchLibraries } from '../support/library-copy.js';

let dir: string;
let t: TestApp;
const scratch = scratchLibraries();

const capture = () => captureIo(dir);

const schema = {
  title: 'Appointment 1.0.0',
  description: 'One appointment.',
  type: 'object',
  additionalProperties: false,
  required: ['appointmentId'],
  properties: { appointmentId: { type: 'string', maxLength: 20, description: 'Id' } },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-service-cli-'));
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
  await writeFile(join(dir, 'appointment.yaml'), stringify(schema));
  await writeFile(
    join(dir, 'appointment-breaking.json'),
    JSON.stringify({ ...schema, properties: { appointmentId: { type: 'string', maxLength: 10, description: 'Id' } } }),
  );
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('conform publish', () => {
  const publish = (file: string, version: string, token: string) => [
    'publish',
    file,
    '--standard',
    'appointment',
    '--version',
    version,
    '--server',
    t.server.info.uri,
    '--token',
    token,
  ];

  it('publishes, then says the same content is already published', async () => {
    let c = capture();
    expect(await main(publish('appointment.yaml', '1.0.0', t.tokens.author), c.io)).toBe(0);
    expect(c.out()).toMatch(/^published appointment 1\.0\.0 \(sha256:[0-9a-f]{64}\)\n$/);
    c = capture();
    expect(await main(publish('appointment.yaml', '1.0.0', t.tokens.author), c.io)).toBe(0);
    expect(c.out()).toMatch(/^already published with the same content: appointment 1\.0\.0/);
  });

  it('exits 1 listing each reason when the server refuses a breaking MINOR, and 2 for a bad token', async () => {
    let c = capture();
    expect(await main(publish('appointment-breaking.json', '1.1.0', t.tokens.author), c.io)).toBe(1);
    expect(c.err()).toContain(
      'conform: the server refused the publish (422): appointment 1.1.0 does not follow semver under its BACKWARD compatibility policy',
    );
    expect(c.err()).toMatch(/\n {2}\/appointmentId: 1\.0\.0 → 1\.1\.0 is a MINOR release, but max-length-decreased at \/appointmentId breaks suppliers/);
    c = capture();
    expect(await main(publish('appointment.yaml', '1.2.0', 'cfm_wrong'), c.io)).toBe(2);
    expect(c.err()).toContain('(401): the token is not valid or has been revoked');
  });
});

describe('conform publish --artefact', () => {
  const publishArtefact = (file: string, token: string) => ['publish', file, '--artefact', '--server', t.server.info.uri, '--token', token];
  const list = (version: string, codes: { code: string; label: string }[]) =>
    stringify({ kind: 'code-list', id: 'cli-colour', version, title: 'Colour', codes });

  it('publishes a code list, lists the standards that could adopt a new version, and refuses a removed code as MINOR', async () => {
    await writeFile(
      join(dir, 'colour-1.0.0.yaml'),
      list('1.0.0', [
        { code: 'R', label: 'Red' },
        { code: 'G', label: 'Green' },
      ]),
    );
    let c = capture();
    expect(await main(publishArtefact('colour-1.0.0.yaml', t.tokens.author), c.io)).toBe(0);
    expect(c.out()).toMatch(/^published code-lists\/cli-colour 1\.0\.0 \(sha256:[0-9a-f]{64}\)\n$/);

    const standard = { type: 'object', properties: { colour: { $ref: 'conform:code-lists/cli-colour/1.0.0' } } };
    await writeFile(join(dir, 'paint.json'), JSON.stringify(standard));
    c = capture();
    expect(
      await main(['publish', 'paint.json', '--standard', 'paint', '--version', '1.0.0', '--server', t.server.info.uri, '--token', t.tokens.author], c.io),
    ).toBe(0);

    await writeFile(
      join(dir, 'colour-1.1.0.yaml'),
      list('1.1.0', [
        { code: 'R', label: 'Red' },
        { code: 'G', label: 'Green' },
        { code: 'B', label: 'Blue' },
      ]),
    );
    c = capture();
    expect(await main(publishArtefact('colour-1.1.0.yaml', t.tokens.author), c.io)).toBe(0);
    expect(c.out()).toContain('  paint 1.0.0 uses code-lists/cli-colour/1.0.0: adopting it needs a MINOR version (1.1.0)\n');

    await writeFile(join(dir, 'colour-1.2.0.yaml'), list('1.2.0', [{ code: 'R', label: 'Red' }]));
    c = capture();
    expect(await main(publishArtefact('colour-1.2.0.yaml', t.tokens.author), c.io)).toBe(1);
    expect(c.err()).toMatch(/code-lists\/cli-colour 1\.2\.0 needs a MAJOR release after 1\.1\.0/);
    expect(c.err()).toMatch(/code "G" removed/);
    expect(c.err()).toMatch(/code "B" removed/);
  });

  it('refuses a file that does not name its kind, id and version', async () => {
    await writeFile(join(dir, 'nameless.yaml'), stringify({ codes: [] }));
    const c = capture();
    expect(await main(publishArtefact('nameless.yaml', t.tokens.author), c.io)).toBe(2);
    expect(c.err()).toContain('must name its kind (code-list or definitions), id and version');
  });
});

describe('conform tokens', () => {
  it('creates, lists and revokes tokens in the configured store, showing a token only when created', async () => {
    const saved = process.env.CONFORM_DATA_DIR;
    process.env.CONFORM_DATA_DIR = join(dir, 'data');
    try {
      let c = capture();
      expect(await main(['tokens', 'create', '--role', 'supplier', '--name', 'Leeds', '--organisation', '8KR01', '--json'], c.io)).toBe(0);
      const created = JSON.parse(c.out());
      expect(created).toMatchObject({ role: 'supplier', name: 'Leeds', organisation: '8KR01', revokedAt: null });
      expect(created.token).toMatch(/^cfm_/);
      c = capture();
      expect(await main(['tokens', 'list'], c.io)).toBe(0);
      expect(c.out()).toContain(`${created.id}  supplier  Leeds (8KR01)  live`);
      expect(c.out()).not.toContain(created.token);
      c = capture();
      expect(await main(['tokens', 'revoke', created.id], c.io)).toBe(0);
      c = capture();
      expect(await main(['tokens', 'create', '--role', 'supplier', '--name', 'No org'], c.io)).toBe(2);
      expect(c.err()).toContain('a supplier token needs --organisation <code> (its ODS code or supplier code)');
      // An ODS code typed in lower case is kept in upper case, as the quality pages' supplier filter reads it
      // (it was kept as typed, and the supplier's own dashboard link was a 400 "must be an ODS code").
      c = capture();
      expect(await main(['tokens', 'create', '--role', 'supplier', '--name', 'Sunrise', '--organisation', ' b86001'], c.io)).toBe(0);
      expect(c.out()).toMatch(/^created supplier token [0-9a-f-]{36} for Sunrise \(organisation B86001\) in /);
      c = capture();
      expect(await main(['tokens', 'list'], c.io)).toBe(0);
      expect(c.out()).toMatch(/ {2}supplier {2}Sunrise \(B86001\) {2}live/);
      // A name where the ODS code belongs is refused, saying what an ODS code is.
      c = capture();
      expect(await main(['tokens', 'create', '--role', 'supplier', '--name', 'Sunrise', '--organisation', 'Sunrise Care Ltd'], c.io)).toBe(2);
      expect(c.err()).toContain('the organisation must be its ODS code or supplier code: 3 to 10 letters and digits, e.g. B86001, 8KR01 or DPSREDUCED');
      // The supplier codes the national immunisation pipeline maps to a supplier (9 and 10 characters) are
      // organisations too; 11 characters are not.
      for (const code of ['8J1100001', 'DPSREDUCED']) {
        c = capture();
        expect(await main(['tokens', 'create', '--role', 'supplier', '--name', code, '--organisation', code.toLowerCase()], c.io), code).toBe(0);
        expect(c.out()).toContain(`(organisation ${code})`);
      }
      c = capture();
      expect(await main(['tokens', 'create', '--role', 'supplier', '--name', 'Too long', '--organisation', 'DPSREDUCED1'], c.io)).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.CONFORM_DATA_DIR;
      else process.env.CONFORM_DATA_DIR = saved;
    }
  });
});

describe('starting the service', () => {
  it('creates the first admin token only in an empty store, and stops when a published version changed', async () => {
    const dataDir = join(dir, 'serve-data');
    const silent = createLogger('silent');
    const first = await buildApp(loadConfig({ CONFORM_DATA_DIR: dataDir }), { logger: silent });
    expect(first.firstAdminToken).toMatch(/^cfm_/);
    await first.stop();
    const second = await buildApp(loadConfig({ CONFORM_DATA_DIR: dataDir }), { logger: silent });
    expect(second.firstAdminToken).toBeUndefined();
    await second.stop();

    const library = await scratch();
    const file = join(library, 'covid-vaccination-event/2.0.0.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: (.*)$/m, 'title: $1 edited'));
    const start = buildApp(loadConfig({ CONFORM_DATA_DIR: dataDir, CONFORM_STANDARDS_DIR: library }), { logger: silent });
    await expect(start).rejects.toThrow(LibraryError);
    await expect(buildApp(loadConfig({ CONFORM_DATA_DIR: dataDir, CONFORM_STANDARDS_DIR: library }), { logger: silent })).rejects.toThrow(
      new RegExp(`${file}: covid-vaccination-event 2\\.0\\.0 is already published in the store with other content`),
    );
  });
});

describe('conform validate --server', () => {
  it('prints the same report as local validation and as a plain HTTP client gets', async () => {
    const lines =
      [
        {
          localPatientId: 'P1',
          nhsNumber: '9434765919',
          givenName: 'A',
          familyName: 'B',
          dateOfBirth: '1980-01-01',
          personStatedGender: '1',
          address: { postcode: 'LS1 4AP' },
          lastUpdated: '2025-01-01T00:00:00Z',
        },
        {
          localPatientId: 'P2',
          nhsNumber: '9876544321',
          givenName: 'A',
          familyName: 'B',
          dateOfBirth: '1980-01-01',
          personStatedGender: '7',
          address: { postcode: 'XX1' },
          lastUpdated: '2025-01-01T00:00:00Z',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n{broken\n';
    await writeFile(join(dir, 'people.ndjson'), lines);
    const comparable = (report: Record<string, any>) => {
      const { submission: _s, ...rest } = report;
      return { ...rest, stats: { ...rest.stats, seconds: 0 }, scorecard: { ...rest.scorecard, plan: { ...rest.scorecard.plan, submittedAt: '' } } };
    };
    let c = capture();
    expect(await main(['validate', 'people.ndjson', '--standard', 'patient-demographics@1', '--json'], c.io)).toBe(1);
    const local = JSON.parse(c.out());
    c = capture();
    expect(
      await main(
        ['validate', 'people.ndjson', '--standard', 'patient-demographics@1', '--json', '--server', t.server.info.uri, '--token', t.tokens.supplier],
        c.io,
      ),
    ).toBe(1);
    const remote = JSON.parse(c.out());
    expect(remote.submission.id).toMatch(/^[0-9a-f-]{36}$/);
    const http = await fetch(`${t.server.info.uri}/v1/standards/patient-demographics/versions/1/validate`, {
      method: 'POST',
      body: lines,
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${t.tokens.supplier}` },
    });
    expect(http.status).toBe(201);
    expect(local.stats).toMatchObject({ records: 3, invalid: 2 });
    expect(comparable(remote)).toEqual(comparable(local));
    expect(comparable((await http.json()) as Record<string, any>)).toEqual(comparable(local));

    c = capture();
    expect(
      await main(['validate', 'people.ndjson', '--standard', 'patient-demographics@1', '--server', t.server.info.uri, '--token', t.tokens.supplier], c.io),
    ).toBe(1);
    const cLocal = capture();
    await main(['validate', 'people.ndjson', '--standard', 'patient-demographics@1'], cLocal.io);
    expect(c.out().replace(/ in [\d.]+ s/, '')).toBe(cLocal.out().replace(/ in [\d.]+ s/, ''));
  });

  it("exits 2 with the server's reason when it refuses", async () => {
    const c = capture();
    expect(
      await main(
        ['validate', 'appointment.yaml', '--format', 'json', '--standard', 'patient-demographics', '--server', t.server.info.uri, '--token', 'cfm_wrong'],
        c.io,
      ),
    ).toBe(2);
    expect(c.err()).toContain('conform: the server did not validate the file (401): the token is not valid or has been revoked');
  });
});
