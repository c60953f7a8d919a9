/**
 * One place for every rule: the same file, standard and version get the same outcome through every face —
 * the API, the web's multipart form and script upload, the CLI locally and the CLI against the server. The
 * same verdict, findings (record, line, row, field, rule, message), stats, scorecard, warnings and period,
 * or the same refusal (its message, and its status where the face has one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { copyLibrary } from '../support/library-copy.js';
import { signIn } from '../hostile/web-support.js';
import { viaApi, viaCli, viaWebForm, viaWebScript, type Outcome, type ParityCase } from './faces.js';
import { parityCases, RETIRED } from './matrix.js';

/** A small limit, so that a file over it is cheap to make (counted after decompression, on every face). */
const LIMIT = 100_000;

let t: TestApp;
let cookie: string;
/** The library the CLI's local mode reads: the bundled one, with RETIRED retired as it is on the server. */
let library: Awaited<ReturnType<typeof copyLibrary>>;
const cases = await parityCases();
const env = { CONFORM_MAX_SUBMISSION_BYTES: String(LIMIT) };

beforeAll(async () => {
  // A free loopback port (the CLI's --server face connects to it by t.server.info.uri).
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_COOKIE_INSECURE: 'true', ...env });
  await t.server.start();
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
  // A version withdrawn for good (yanked): retired on the server by the API, and in the library's standard.yaml.
  const [id, version] = RETIRED.split('@') as [string, string];
  const retired = await t.server.inject({
    method: 'POST',
    url: `/v1/standards/${id}/versions/${version}/retire`,
    headers: { authorization: `Bearer ${t.tokens.admin}` },
  });
  expect(retired.statusCode, retired.payload).toBe(200);
  library = await copyLibrary();
  const meta = join(library.dir, id, 'standard.yaml');
  const text = await readFile(meta, 'utf8');
  const entry = `- version: ${version}\n    status: deprecated`;
  expect(text).toContain(entry);
  await writeFile(meta, text.replace(entry, `- version: ${version}\n    status: retired`));
  // The CLI's local mode reads the same limit from the environment the service is configured by.
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
});
afterAll(async () => {
  for (const k of Object.keys(env)) delete process.env[k];
  await t?.stop();
  await library?.cleanup();
});

/**
 * What every face must agree on. Three things are the face's own presentation and are set aside: the CLI
 * against a server says that the server refused and with which status (`the server did not validate the
 * file (400): `), the pages start a sentence with a capital, and the CLI adds how to declare a format
 * (`, or give --format json|ndjson|csv`), which it alone can. A refusal's status is compared between the
 * faces that give one.
 */
const SERVED = /^the server did not validate the file \((\d+)\): /;
/**
 * A refusal of what names the standard or version: the API names its path parameter (`id must be a standard
 * id: …`), the service the text given (`"Emergency-Care" is not a standard id: …`); the words after are one.
 * The findings cap is the API's `maxFindings` and the command's `--max-findings`, in the same words.
 */
const NAMED_PARAMETER = /^(?:id|version) must be (a standard id|a semantic version): /;
const NAMED_TEXT = /^(?:"[^"]*"|the id given \(\d+ characters\)|the version given) is not (a standard id|a semantic version): /;
function comparable(outcome: Outcome): unknown {
  if (outcome.kind === 'report') return outcome;
  const message = outcome.message
    .replace(SERVED, '')
    .replace(/, or give --format json\|ndjson\|csv$/, '')
    .replace(NAMED_PARAMETER, '$1: ')
    .replace(NAMED_TEXT, '$1: ')
    .replace(/^--max-findings must be /, 'maxFindings must be ');
  return { kind: 'refusal', message: message[0]!.toLowerCase() + message.slice(1) };
}
function statusOf(outcome: Outcome): number | undefined {
  if (outcome.kind === 'report') return 200;
  const served = SERVED.exec(outcome.message)?.[1];
  return outcome.status ?? (served === undefined ? undefined : Number(served));
}

/**
 * Every face that can be given the case, one after another (the machine is shared). The API is sent a file
 * that declares no format as application/octet-stream with its name; the web's forms declare none and ask no
 * findings cap, so a file that declares one, or asks one, has no page upload.
 */
async function everyFace(c: ParityCase): Promise<[string, Outcome][]> {
  const server = { uri: t.server.info.uri, token: t.tokens.supplier };
  const faces: [string, () => Promise<Outcome>][] = [
    ['api', () => viaApi(t, c)],
    ['web form', () => viaWebForm(t, cookie, c)],
    ['web script', () => viaWebScript(t, cookie, c)],
    ['cli local', () => viaCli(c, undefined, library.dir)],
    ['cli --server', () => viaCli(c, server)],
  ];
  const applies = ([face]: [string, unknown]): boolean => !face.startsWith('web') || (c.declared === undefined && c.maxFindings === undefined);
  const outcomes: [string, Outcome][] = [];
  for (const [face, run] of faces.filter(applies)) outcomes.push([face, await run()]);
  return outcomes;
}

describe(`every face gives the same outcome (${cases.length} files, 5 faces)`, () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const outcomes = await everyFace(c);
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    const [first, firstOutcome] = outcomes[0]!;
    if (c.shows) expect(firstOutcome, first).toMatchObject(c.shows);
    for (const [face, outcome] of outcomes.slice(1)) {
      expect(comparable(outcome), `${face} differs from ${first}`).toEqual(comparable(firstOutcome));
      const status = statusOf(outcome);
      const expected = statusOf(firstOutcome);
      if (status !== undefined && expected !== undefined) expect(status, `${face}'s status differs from ${first}'s`).toBe(expected);
    }
  });
});
