/**
 * `conform validate` stopped by a validation thread says so in one line, in the CLI's words: the bound it
 * reached (memory, stack, time) and what to do, or that the thread holding the file was lost or crashed,
 * never the error's own text nor a record value (exit code 2, stdout empty). The in-process runs use the
 * build (dist), whose pool has its worker script: the hostile record fills a thread's heap, not this one's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureIo } from '../support/cli-io.js';
import { scratchLibraries } from '../support/library-copy.js';
import { threadFailure } from '../../src/cli/thread-failure.js';
import { DomainError } from '../../src/services/errors.js';
import { InputError, StackExceeded, ThreadLost, ThreadOutOfMemory, ThreadTimeout } from '../../src/validation/errors.js';

const dist = '../../dist/src';
const { main } = (await import(`${dist}/cli/main.js`)) as typeof import('../../src/cli/main.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');

const scratch = scratchLibraries();
afterEach(() => {
  vi.restoreAllMocks();
});

/** A value that must never reach the message (a record's NHS number). */
const SECRET = '9434765919';

/**
 * A scratch library with `wide@1.0.0` (items against an `anyOf` of 500 branches, as the hostile thread-loss
 * tests build it) and a file of one record of 9,990 such items, which fills a validation thread's heap.
 */
async function wideLibrary(): Promise<{ dir: string; file: string }> {
  const dir = await scratch();
  await mkdir(join(dir, 'wide'));
  await writeFile(
    join(dir, 'wide/standard.yaml'),
    'id: wide\ntitle: Wide\nowner: Test\ndescription: Wide items.\nrecordKey: [/id]\neventDate: /at\nsubmissionDeadline: P30D\n' +
      'compatibility: BACKWARD\nsensitiveFields: [/nhsNumber]\nversions:\n  - version: 1.0.0\n    status: published\n    changelog: First.\n',
  );
  const branches = Array.from({ length: 500 }, (_, i) => ({ type: 'object', required: [`k${i}`], properties: { [`k${i}`]: { const: i } } }));
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { nhsNumber: { type: 'string' }, xs: { type: 'array', items: { anyOf: branches } } },
  };
  await writeFile(join(dir, 'wide/1.0.0.yaml'), JSON.stringify(schema));
  const file = join(dir, 'hostile.ndjson');
  await writeFile(file, `${JSON.stringify({ nhsNumber: SECRET, xs: Array.from({ length: 9990 }, () => 1) })}\n`);
  return { dir, file };
}

interface PoolThread {
  worker: { terminate(): Promise<number> };
  running: Float64Array;
}

/** The pool's threads as they start (a fault injected into one stands for a thread that crashes). */
function threadsStarted(): PoolThread[] {
  const spy = vi.spyOn(WorkerPool.prototype as unknown as { start: () => PoolThread }, 'start');
  return new Proxy([], {
    get: (_, key) =>
      Reflect.get(
        spy.mock.results.map((r) => r.value as PoolThread),
        key,
      ),
  });
}

async function runningAPiece(threads: PoolThread[]): Promise<PoolThread> {
  for (let waited = 0; waited < 30_000; waited += 5) {
    const thread = threads.find((t) => t.running[0] !== 0);
    if (thread) return thread;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no thread ran a piece in 30 s');
}

async function validate(dir: string, file: string, workers: string[] = ['--workers', '1']): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(dir);
  const code = await main(['validate', file, '-s', 'wide@1.0.0', ...workers, '--standards', dir], c.io);
  return { code, out: c.out(), err: c.err() };
}

/** One line, exit 2, nothing on stdout, no record value. */
function oneLine({ code, out, err }: { code: number; out: string; err: string }): string {
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).not.toContain(SECRET);
  expect(err.endsWith('\n') && err.indexOf('\n') === err.length - 1, err).toBe(true);
  return err;
}

describe('conform validate stopped by a validation thread', () => {
  it('a record that fills the thread’s heap: the memory bound, its figure and what to do', { timeout: 60_000 }, async () => {
    const { dir, file } = await wideLibrary();
    const err = oneLine(await validate(dir, file));
    expect(err).toBe(
      "conform: validation stopped and no report was made: a validation thread ran out of its 128 MiB of memory (the bound each thread has) on records too large for this version's checks (many items or fields, each failing many checks); split or trim the largest records and validate again\n",
    );
  });

  // The main thread has the process's whole heap: the record took 800 MB there and was reported, and a larger
  // one ended the process with V8's fatal out-of-memory and a stack dump (exit code 134). Every file goes to a thread.
  for (const [workers, named] of [
    [['--workers', '0'], '--workers 0 (one thread)'],
    [[], 'the default worker count'],
  ] as const) {
    it(`the same bound and words with ${named}, for NDJSON and JSON alike: never the main thread's heap`, { timeout: 120_000 }, async () => {
      const { dir, file } = await wideLibrary();
      const json = join(dir, 'hostile.json');
      await writeFile(json, `[${(await readFile(file, 'utf8')).trim()}]`);
      for (const input of [file, json]) {
        const err = oneLine(await validate(dir, input, [...workers]));
        expect(err).toMatch(
          /^conform: validation stopped and no report was made: a validation thread ran out of its 128 MiB of memory \(the bound each thread has\)/,
        );
      }
    });
  }

  it('a thread that crashes while running the file: a fault, not a bound; never its error text', { timeout: 60_000 }, async () => {
    const { dir, file } = await wideLibrary();
    const threads = threadsStarted();
    const run = validate(dir, file);
    await (await runningAPiece(threads)).worker.terminate();
    const err = oneLine(await run);
    expect(err).toMatch(
      /^conform: validation stopped and no report was made: a validation thread stopped unexpectedly while validating this file \(a fault, not a bound of the file's\); run the command again/,
    );
    expect(err).not.toMatch(/exit code|worker/);
  });

  it('the thread holding the file lost running no piece of it that can be named (ThreadLost): no word of another submission', { timeout: 60_000 }, async () => {
    const { dir, file } = await wideLibrary();
    const threads = threadsStarted();
    const run = validate(dir, file);
    const thread = await runningAPiece(threads);
    thread.running[0] = 0; // the thread's word of which piece it runs, gone: the pool cannot name the culprit
    await thread.worker.terminate();
    const err = oneLine(await run);
    expect(err).toMatch(
      /^conform: validation stopped and no report was made: the validation thread holding this file's state stopped unexpectedly before the file was done; run the command again/,
    );
    expect(err).not.toMatch(/submission|stored|send it/);
  });
});

describe('threadFailure: the words for each bound', () => {
  const refused = (cause: Error, kind: 'rejected' | 'unavailable' = 'rejected') => Object.assign(new DomainError(kind, 'the service words'), { cause });

  it('the stack bound, with its figure on a pool thread and without on the calling thread', () => {
    expect(threadFailure(refused(new StackExceeded(4)), [])?.message).toBe(
      "validation stopped and no report was made: checking a record needed more than the validation thread's 4 MiB of stack (the bound each thread has): a record is nested too deeply for this version's checks, which follow its schema into itself ($ref) at each level; nest the records less deeply and validate again",
    );
    expect(threadFailure(refused(new StackExceeded()), [])?.message).toContain("needed more than the validation thread's stack: a record is nested too deeply");
  });

  it('the time bound and the memory bound name their figures', () => {
    expect(threadFailure(refused(new ThreadTimeout(2500)), [])?.message).toContain('ran past its time budget of 2500 ms (the bound each file has)');
    expect(threadFailure(refused(new ThreadOutOfMemory(96)), [])?.message).toContain('ran out of its 96 MiB of memory (the bound each thread has)');
  });

  it('a lost thread says why it died, in a word', () => {
    const lost = refused(new ThreadLost(), 'unavailable');
    expect(threadFailure(lost, [{ reason: 'memory', refused: 0, lost: 1, rerun: 0 }])?.message).toContain(
      "holding this file's state ran out of its memory before",
    );
  });

  it('other errors stand, even after a thread was lost in the run', () => {
    const loss = [{ reason: 'crash' as const, refused: 1, lost: 0, rerun: 0 }];
    expect(threadFailure(Object.assign(new DomainError('invalid-input', 'unreadable'), { cause: new InputError('encoding', 'UTF-16') }), loss)).toBeUndefined();
    expect(threadFailure(new DomainError('not-found', 'no such standard'), loss)).toBeUndefined();
    expect(threadFailure(new Error('a validation worker failed: x'), [])).toBeUndefined();
  });
});
