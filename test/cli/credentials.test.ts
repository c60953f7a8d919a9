/** The service and token from CONFORM_SERVER, CONFORM_TOKEN and --token-file, flags first; the token never printed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let dir: string;
let t: TestApp;
const record = {
  localPatientId: 'P1',
  nhsNumber: '9434765919',
  givenName: 'A',
  familyName: 'B',
  dateOfBirth: '1980-01-01',
  personStatedGender: '1',
  address: { postcode: 'LS1 4AP' },
  lastUpdated: '2025-01-01T00:00:00Z',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-credentials-'));
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
  await writeFile(join(dir, 'people.ndjson'), JSON.stringify(record) + '\n');
  await writeFile(join(dir, 'supplier.token'), `${t.tokens.supplier}\n`);
  await writeFile(join(dir, 'author.token'), t.tokens.author);
  await writeFile(join(dir, 'empty.token'), '\n');
  await writeFile(
    join(dir, 'visit.yaml'),
    stringify({
      title: 'Visit',
      description: 'A visit.',
      type: 'object',
      additionalProperties: false,
      properties: { visitId: { type: 'string', description: 'Id' } },
    }),
  );
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const c = captureIo(dir);
  const code = await main(argv, { ...c.io, env });
  return { code, out: c.out(), err: c.err() };
}

const VALIDATE = ['validate', 'people.ndjson', '--standard', 'patient-demographics', '--json'];
const stored = (out: string) => (JSON.parse(out) as { submission?: { id: string } }).submission?.id;

describe('conform validate against a service', () => {
  it('takes the service and token from CONFORM_SERVER and CONFORM_TOKEN', async () => {
    const r = await cli(VALIDATE, { CONFORM_SERVER: t.server.info.uri, CONFORM_TOKEN: t.tokens.supplier });
    expect(r.code).toBe(0);
    expect(stored(r.out)).toMatch(/^[0-9a-f-]{36}$/); // the service stored it: it went to the server
  });

  it('reads the token from --token-file, which overrides CONFORM_TOKEN', async () => {
    const r = await cli([...VALIDATE, '--token-file', 'supplier.token'], { CONFORM_SERVER: t.server.info.uri, CONFORM_TOKEN: 'cfm_wrong' });
    expect(r.code).toBe(0);
    expect(stored(r.out)).toBeDefined();
  });

  it('--server overrides CONFORM_SERVER, and --local ignores it', async () => {
    const env = { CONFORM_SERVER: 'http://127.0.0.1:9', CONFORM_TOKEN: t.tokens.supplier };
    const remote = await cli([...VALIDATE, '--server', t.server.info.uri], env);
    expect(remote.code).toBe(0);
    expect(stored(remote.out)).toBeDefined();
    const local = await cli([...VALIDATE, '--local'], env);
    expect(local.code).toBe(0);
    expect(stored(local.out)).toBeUndefined();
  });

  it('never prints the token, even when the service refuses it', async () => {
    const secret = 'cfm_not-a-real-token-0123456789';
    const r = await cli(VALIDATE, { CONFORM_SERVER: t.server.info.uri, CONFORM_TOKEN: secret });
    expect(r.code).toBe(2);
    expect(r.err).toBe('conform: the server did not validate the file (401): the token is not valid or has been revoked\n');
    expect(r.out + r.err).not.toContain(secret);
  });

  it.each([
    [['--token-file', 'missing.token'], {}, 'conform: cannot read the token file missing.token: no such file'],
    [['--token-file', 'empty.token'], {}, 'conform: the token file empty.token is empty; it should hold the token alone'],
    [['--token-file', 'supplier.token', '--token', 'x'], {}, 'conform: give --token-file or --token, not both'],
    [[], { CONFORM_TOKEN: '' }, 'conform: --server needs a supplier token: CONFORM_TOKEN, --token-file <path> or --token <token>'],
  ])('exits 2 on a token it cannot use: %j', async (flags, env, message) => {
    const r = await cli([...VALIDATE, '--server', t.server.info.uri, ...flags], env);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${message}\n`);
    expect(r.err).not.toContain(t.tokens.supplier);
  });

  it('names CONFORM_SERVER when it is not a URL', async () => {
    const r = await cli(VALIDATE, { CONFORM_SERVER: 'localhost:3000' });
    expect(r.code).toBe(2);
    expect(r.err).toBe('conform: CONFORM_SERVER must be an http or https URL such as http://localhost:3000\n');
  });
});

describe('conform publish with the environment', () => {
  it('publishes with CONFORM_SERVER and an author token from --token-file', async () => {
    const r = await cli(['publish', 'visit.yaml', '--standard', 'visit', '--version', '1.0.0', '--token-file', 'author.token'], {
      CONFORM_SERVER: t.server.info.uri,
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^published visit 1\.0\.0 \(sha256:/);
  });

  it('says what is missing without a service or a token', async () => {
    let r = await cli(['publish', 'visit.yaml', '--standard', 'visit', '--version', '1.0.0']);
    expect(r).toMatchObject({ code: 2, err: 'conform: give the service: --server <url> or CONFORM_SERVER\n' });
    r = await cli(['publish', 'visit.yaml', '--standard', 'visit', '--version', '1.0.0'], { CONFORM_SERVER: t.server.info.uri });
    expect(r).toMatchObject({ code: 2, err: 'conform: give an author token: CONFORM_TOKEN, --token-file <path> or --token <token>\n' });
  });
});
