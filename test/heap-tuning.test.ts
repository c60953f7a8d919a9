import { describe, expect, it } from 'vitest';
import {
  mallocArenaMax,
  mallocMmapThreshold,
  semiSpaceCap,
  SERVICE_HEAP_GROWING_PERCENT,
  SERVICE_START_ENV,
  SERVICE_START_FLAGS,
  serviceHeapFlags,
  THREAD_HEAP_FLAGS,
} from '../src/heap-tuning.js';
import { THREAD_RESOURCE_LIMITS, THREAD_SEMI_SPACE_MB } from '../src/validation/parallel/pool.js';
import { readFileSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

describe('the service heap setting', () => {
  it('sets the heap growing factor when node was started without one', () => {
    expect(serviceHeapFlags([])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
    expect(serviceHeapFlags(['--enable-source-maps', '--max-old-space-size=2048'])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
  });

  it("keeps an operator's own setting, in either spelling", () => {
    expect(serviceHeapFlags(['--heap-growing-percent=40'])).toEqual([]);
    expect(serviceHeapFlags(['--heap_growing_percent=40'])).toEqual([]);
    expect(serviceHeapFlags(['--heap-growing-percent', '40'])).toEqual([]);
  });

  it('does not take a similar flag for its own', () => {
    expect(serviceHeapFlags(['--heap-growing-percentage=40'])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
  });
});

describe('the allocator setting in the serving line', () => {
  it("names the operator's glibc mmap threshold, or the default", () => {
    expect(mallocMmapThreshold({})).toBe('glibc default');
    expect(mallocMmapThreshold({ MALLOC_MMAP_THRESHOLD_: '131072' })).toBe('131072');
  });

  it('limits glibc to two arenas in the environment npm start and the cluster script give the service, and names it', () => {
    expect(SERVICE_START_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`MALLOC_ARENA_MAX=2 node ${SERVICE_START_FLAGS.join(' ')} bin/conform.js serve`);
    expect(readFileSync(new URL('../scripts/cluster.sh', import.meta.url), 'utf8')).toContain(
      `MALLOC_ARENA_MAX=2 setsid node ${SERVICE_START_FLAGS.join(' ')} "$ROOT/bin/conform.js" serve`,
    );
    expect(mallocArenaMax({})).toBe('glibc default');
    expect(mallocArenaMax({ MALLOC_ARENA_MAX: '2' })).toBe('2');
  });
});

describe("the main thread's young generation", () => {
  it('is capped by the start-up flag, which npm start and the cluster script give, and the serving line names it', () => {
    expect(SERVICE_START_FLAGS).toEqual(['--max-semi-space-size=2']);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`node ${SERVICE_START_FLAGS.join(' ')} bin/conform.js serve`);
    expect(readFileSync(new URL('../scripts/cluster.sh', import.meta.url), 'utf8')).toContain(
      `setsid node ${SERVICE_START_FLAGS.join(' ')} "$ROOT/bin/conform.js" serve`,
    );
    expect(semiSpaceCap(['--max-semi-space-size=2'], {})).toBe('2');
    expect(semiSpaceCap([], { NODE_OPTIONS: '--enable-source-maps --max_semi_space_size=4' })).toBe('4');
    expect(semiSpaceCap(['--max-old-space-size=2048'], {})).toBe('V8 default');
  });
});

describe("the worker threads' young generation", () => {
  // A process started with the main thread's cap: a thread made after THREAD_HEAP_FLAGS gets the pool's semi-space, whole from its start.
  const newSpaceMiB = (flags: readonly string[]): { first: number; most: number } => {
    const thread = `const v8 = require('node:v8'); const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
      const first = size(); let most = first; let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i }); if (keep.length > 1000) keep = []; if (i % 1e4 === 0) most = Math.max(most, size()); }
      require('node:worker_threads').parentPort.postMessage({ first, most });`;
    const main = `const v8 = require('node:v8'); const { Worker } = require('node:worker_threads');
      for (const flag of ${JSON.stringify(flags)}) v8.setFlagsFromString(flag);
      new Worker(${JSON.stringify(thread)}, { eval: true, resourceLimits: ${JSON.stringify(THREAD_RESOURCE_LIMITS)} }).on('message', (m) => { console.log(JSON.stringify(m)); process.exit(0); });`;
    const out = execFileSync(process.execPath, [...SERVICE_START_FLAGS, '-e', main], { encoding: 'utf8' });
    return JSON.parse(out) as { first: number; most: number };
  };

  it('is the pool’s own once the service clears the start-up cap, and the cap alone would have shrunk it', () => {
    // V8 reports a new space of two semi-spaces.
    expect(newSpaceMiB([]).most).toBe(4);
    expect(newSpaceMiB(THREAD_HEAP_FLAGS).most).toBe(2 * THREAD_SEMI_SPACE_MB);
  });
});

describe('conform validate', () => {
  // The V8 flags a `conform validate` process sets for itself, seen by a preloaded module that records each
  // call to setFlagsFromString (the CLI runs from the build, as an installed package does).
  const flagsSet = async (nodeFlags: readonly string[]): Promise<{ code: number | null; flags: string[] }> => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-heap-'));
    try {
      await writeFile(
        join(dir, 'good.ndjson'),
        `${JSON.stringify({ localPatientId: 'P1', nhsNumber: '9434765919', givenName: 'Alex', familyName: 'Smith', dateOfBirth: '1980-02-29', personStatedGender: '2', address: { postcode: 'LS1 4AP' }, lastUpdated: '2025-05-01T10:00:00Z' })}\n`,
      );
      await writeFile(
        join(dir, 'record-flags.mjs'),
        `import v8 from 'node:v8'; import { syncBuiltinESMExports } from 'node:module';
        const set = []; const own = v8.setFlagsFromString; v8.setFlagsFromString = (flag) => { set.push(flag); own(flag); }; syncBuiltinESMExports();
        process.on('exit', () => process.stderr.write('FLAGS ' + JSON.stringify(set) + '\\n'));`,
      );
      const bin = fileURLToPath(new URL('../bin/conform.js', import.meta.url));
      const args = [
        ...nodeFlags,
        '--import',
        join(dir, 'record-flags.mjs'),
        bin,
        'validate',
        'good.ndjson',
        '--standard',
        'patient-demographics@1.1.0',
        '--local',
      ];
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
        execFile(process.execPath, args, { cwd: dir, env: { ...process.env, CONFORM_SERVER: '' } }, (error, _out, err) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr: err }),
        );
      });
      const line = stderr.split('\n').find((l) => l.startsWith('FLAGS '));
      return { code, flags: line === undefined ? [] : (JSON.parse(line.slice(6)) as string[]) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it("sets the service's heap growing factor for a local validation", async () => {
    const { code, flags } = await flagsSet([]);
    expect(code).toBe(0);
    expect(flags).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
  });

  it("keeps an operator's own factor", async () => {
    const { code, flags } = await flagsSet(['--heap-growing-percent=40']);
    expect(code).toBe(0);
    expect(flags).toEqual([]);
  });
});
