/**
 * Hostile: the long-lived worker the comparisons and a publish's first checks run on
 * (parallel/standing-worker.ts). Starting a worker thread per job cost some 0.4 s a comparison; one
 * worker now runs job after job, and is replaced when a job runs past its budget, when it crashes, and
 * after `maxJobs` jobs. Uses the build (a worker runs compiled code) and a worker script of its own whose
 * jobs answer, spin for ever, or crash the thread.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const built = resolve(import.meta.dirname, '../../dist/src/validation/parallel/standing-worker.js');
const { StandingWorker } = (await import(pathToFileURL(built).href)) as typeof import('../../src/validation/parallel/standing-worker.js');

type Job = 'echo' | 'spin' | 'crash' | 'exit';
let dir: string;
let script: URL;
const made: InstanceType<typeof StandingWorker<Job, string>>[] = [];
const standing = (maxJobs = 100, idleMs?: number) => {
  const worker = new StandingWorker<Job, string>(script, {
    resourceLimits: { maxOldGenerationSizeMb: 64 },
    maxJobs,
    ...(idleMs !== undefined ? { idleMs } : {}),
  });
  made.push(worker);
  return worker;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-standing-'));
  script = pathToFileURL(join(dir, 'worker.mjs'));
  // Answers `echo` with the thread's id (so a test sees which worker answered); `spin` never answers; `crash`
  // throws once it has answered; `exit` ends the thread during the job.
  await writeFile(
    script,
    `import { threadId } from 'node:worker_threads';
     const { answerJobs } = await import(${JSON.stringify(pathToFileURL(built).href)});
     answerJobs((job) => {
       if (job === 'spin') for (;;);
       if (job === 'crash') setImmediate(() => { throw new Error('crashed'); });
       if (job === 'exit') process.exit(1);
       return 'thread ' + threadId;
     });`,
  );
});
afterAll(async () => {
  await Promise.all(made.map((w) => w.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('a standing worker', () => {
  it('lets an idle worker go, so the heap of a large job is not held between rare jobs, and keeps it through a burst', async () => {
    const worker = standing(100, 150);
    const first = await worker.run('echo', 5_000);
    const soon = await worker.run('echo', 5_000); // within the idle time: the same thread
    expect(worker.starts).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    const later = await worker.run('echo', 5_000);
    expect(worker.starts).toBe(2);
    expect([first.kind, soon.kind, later.kind]).toEqual(['ok', 'ok', 'ok']);
    if (first.kind === 'ok' && soon.kind === 'ok' && later.kind === 'ok') {
      expect(soon.answer).toBe(first.answer);
      expect(later.answer).not.toBe(first.answer);
    }
  });

  it('starts once and answers job after job on the same thread', async () => {
    const worker = standing();
    expect(worker.starts).toBe(0); // started lazily
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await worker.run('echo', 5_000);
      expect(result.kind).toBe('ok');
      if (result.kind === 'ok') answers.push(result.answer);
    }
    expect(worker.starts).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('is terminated past a job time budget, and the next job runs on a new worker', async () => {
    const worker = standing();
    const first = await worker.run('echo', 5_000);
    const started = Date.now();
    expect(await worker.run('spin', 200)).toEqual({ kind: 'timeout', ms: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    const next = await worker.run('echo', 5_000);
    expect(next.kind).toBe('ok');
    expect(worker.starts).toBe(2);
    expect(next).not.toEqual(first); // another thread answered
  });

  it('is replaced when it ends during a job, the job answered as failed', async () => {
    const worker = standing();
    expect(await worker.run('exit', 5_000)).toEqual({ kind: 'failed', memory: false });
    expect((await worker.run('echo', 5_000)).kind).toBe('ok');
    expect(worker.starts).toBe(2);
  });

  it('is replaced after it crashes while idle', async () => {
    const worker = standing();
    // The crash comes after the answer to its job is posted: the worker dies idle, and the next job starts another.
    const crashed = await worker.run('crash', 5_000);
    expect(crashed.kind).toBe('ok');
    await new Promise((r) => setTimeout(r, 200));
    expect((await worker.run('echo', 5_000)).kind).toBe('ok');
    expect(worker.starts).toBe(2);
  });

  it('is replaced after maxJobs jobs, bounding what one heap accumulates', async () => {
    const worker = standing(3);
    const threads = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const result = await worker.run('echo', 5_000);
      if (result.kind === 'ok') threads.add(result.answer);
    }
    expect(worker.starts).toBe(3);
    expect(threads.size).toBe(3);
  });

  it('does not keep the process alive when idle', async () => {
    // A child process that runs one job and then has nothing else to do must exit by itself.
    const { execFile } = await import('node:child_process');
    const child = join(dir, 'child.mjs');
    await writeFile(
      child,
      `const { StandingWorker } = await import(${JSON.stringify(pathToFileURL(built).href)});
       const w = new StandingWorker(new URL(${JSON.stringify(script.href)}), { resourceLimits: {}, maxJobs: 10 });
       const r = await w.run('echo', 5000);
       console.log(r.kind);`,
    );
    const started = Date.now();
    const out = await new Promise<string>((done, fail) =>
      execFile(process.execPath, [child], { timeout: 10_000 }, (error, stdout) => (error ? fail(new Error(error.message)) : done(stdout))),
    );
    expect(Date.now() - started).toBeLessThan(5_000); // well within the job's 5 s budget: not held by its timer either
    expect(out.trim()).toBe('ok');
  });
});
