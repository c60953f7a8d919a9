/**
 * The CLI against a server that answers junk, too much or too slowly (`types --server`, `validate --server`,
 * `publish`): one line naming the server and what is wrong with its answer, exit code 2, never a JavaScript
 * error's words ("Cannot read properties of null") nor what the server sent, and never more of an answer
 * read into memory than MAX_ANSWER_BYTES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { getJson } from '../../src/cli/remote-codegen.js';
import { MAX_ANSWER_BYTES, responseText } from '../../src/cli/http-client.js';
import { captureIo } from '../support/cli-io.js';

const TOKEN = 'cf_marker_token_never_printed';
/** What a junk answer holds, which must never reach the message. */
const JUNK = '<html><body>SECRET-PAGE-TEXT</body></html>';

/** The answer for each path (before any query), as the test sets it. */
const answers = new Map<string, (res: ServerResponse) => void>();
const json = (status: number, body: string) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers.get(req.url!.split('?')[0]!);
      if (answer) answer(res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'conform-answers-'));
  const c = captureIo(dir);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err(), dir };
}

/** Exit 2, one line on stderr, nothing on stdout, nothing of the answer or the token. */
function oneLine({ code, out, err }: { code: number; out: string; err: string }): string {
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err.indexOf('\n')).toBe(err.length - 1);
  expect(err).not.toMatch(/SECRET-PAGE-TEXT|cf_marker|Cannot read|undefined|null|is not iterable|Unexpected token|at .*\.js:/);
  return err;
}

describe('conform types --server with a server that answers junk', () => {
  const LIST = '/v1/standards';
  for (const [what, body, said] of [
    ['null', 'null', 'it is not a JSON object'],
    ['an array', '[1,2]', 'it is not a JSON object'],
    ['a list that is a number', '{"standards": 5}', 'its standards is not an array'],
    ['a next that is not a link', '{"standards": [], "next": {}}', 'its next is not a link'],
  ] as const) {
    it(`a list of standards that is ${what}: names what is wrong`, async () => {
      answers.set(LIST, json(200, body));
      const result = await run(['types', '--all', '--out', 'gen', '--server', base]);
      expect(oneLine(result)).toBe(
        `conform: the server's answer to /v1/standards?limit=1000 is not a list of standards: ${said}; is --server a Conform server?\n`,
      );
      expect(await readdir(result.dir)).toEqual([]);
    });
  }

  it('an item without an id: names it, writes nothing', async () => {
    answers.set(LIST, json(200, '{"standards": [null, {"id": 7}]}'));
    expect(oneLine(await run(['types', '--all', '--out', 'gen', '--server', base]))).toBe(
      "conform: the server's answer to /v1/standards?limit=1000 lists an item whose id is not text; is --server a Conform server?\n",
    );
  });

  it('a problem that is not one (404 answered null), and an answer that is not JSON', async () => {
    const bundle = '/v1/standards/x/versions/latest/bundle';
    answers.set(bundle, json(404, 'null'));
    expect(oneLine(await run(['types', '--standard', 'x', '--out', 'gen', '--server', base]))).toBe(
      `conform: the server answered 404 for ${bundle}: Not Found\n`,
    );
    answers.set(bundle, (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(JUNK));
    expect(oneLine(await run(['types', '--standard', 'x', '--out', 'gen', '--server', base]))).toBe(
      `conform: ${base} answered 200 for ${bundle} without JSON; is --server a Conform server?\n`,
    );
  });

  it('an answer declared larger than any a Conform server sends: refused before its body is read', async () => {
    const bundle = '/v1/standards/big/versions/latest/bundle';
    // Declares more than the bound, sends a little and then nothing: the command does not wait for the rest.
    answers.set(bundle, (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_ANSWER_BYTES + 1) });
      res.write('{"a":');
    });
    expect(oneLine(await run(['types', '--standard', 'big', '--out', 'gen', '--server', base]))).toBe(
      `conform: ${base} sent its answer to ${bundle} larger than 256 MiB, more than a Conform server sends; nothing of it was used\n`,
    );
  });

  it('an answer that does not arrive within the deadline: says so, naming the server and the address', async () => {
    answers.set('/slow', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":'); // and never the rest
    });
    await expect(getJson(base, '/slow', 300)).rejects.toThrow(`${base} did not send its answer to /slow within 0.3 s; run the command again later`);
  });
});

describe('responseText: an answer read whole, within its bound', () => {
  const chunked = (pieces: number, size: number): Response =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < pieces; i++) controller.enqueue(new Uint8Array(size).fill(0x20));
          controller.close();
        },
      }),
    );

  it('an answer without a declared length is counted as it arrives and refused past the bound', async () => {
    await expect(responseText(chunked(5, 1024), 'http://s', 'its answer', 4096)).rejects.toThrow(
      'http://s sent its answer larger than 4 KiB, more than a Conform server sends; nothing of it was used',
    );
    expect(await responseText(chunked(4, 1024), 'http://s', 'its answer', 4096)).toHaveLength(4096);
  });
});

describe('conform validate --server and publish with a server that answers junk', () => {
  const VALIDATE = '/v1/standards/patient-demographics/versions/latest/validate';

  async function validate(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'conform-answers-'));
    await writeFile(join(dir, 'people.ndjson'), '{"nhsNumber":"9434765919"}\n');
    const c = captureIo(dir);
    const code = await main(['validate', 'people.ndjson', '-s', 'patient-demographics', '--server', base, '--token', TOKEN], c.io);
    return oneLine({ code, out: c.out(), err: c.err() });
  }

  for (const [what, answer] of [
    ['a web page', (res: ServerResponse) => res.writeHead(201, { 'content-type': 'text/html' }).end(JUNK)],
    ['JSON that is no report', json(201, '{"ok": true, "findings": "SECRET-PAGE-TEXT"}')],
    ['null', json(201, 'null')],
  ] as const) {
    it(`a 201 with ${what}: "without a report", never the answer's text`, async () => {
      answers.set(VALIDATE, answer);
      expect(await validate()).toBe(`conform: ${base} answered 201 without a report; is --server a Conform server?\n`);
    });
  }

  it('a refusal whose problem is null or holds junk errors: the status and its reason', async () => {
    answers.set(VALIDATE, json(400, 'null'));
    expect(await validate()).toBe('conform: the server did not validate the file (400): Bad Request\n');
    answers.set(VALIDATE, json(400, '{"detail": 5, "errors": [null, 3]}'));
    expect(await validate()).toBe('conform: the server did not validate the file (400): Bad Request\n');
  });

  it('publish: a 201 that is not JSON, and a refusal whose errors are junk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-answers-'));
    await writeFile(join(dir, 'a.json'), '{"type": "object"}');
    const PUT = '/v1/standards/a/versions/1.0.0';
    const publish = async () => {
      const c = captureIo(dir);
      const code = await main(['publish', 'a.json', '-s', 'a', '--version', '1.0.0', '--server', base, '--token', TOKEN], c.io);
      return { code, out: c.out(), err: c.err() };
    };
    answers.set(PUT, (res) => res.writeHead(201, { 'content-type': 'text/html' }).end(JUNK));
    expect(oneLine(await publish())).toMatch(/^conform: http:\/\/127\.0\.0\.1:\d+ answered 201 without JSON; is --server a Conform server\?/);
    answers.set(PUT, json(422, '{"detail": "refused", "errors": [null, 7, {"detail": 9}, {"detail": "a reason"}]}'));
    const refused = await publish();
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('conform: the server refused the publish (422): refused\n  a reason\n');
  });
});
