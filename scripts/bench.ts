/**
 * `npm run bench`: makes (or reuses) the benchmark data, then measures, in one run and each in a fresh
 * child process, the JSON.parse floor, the engine on NDJSON and the engine on CSV at 100k and 1M
 * records. Repetitions are interleaved and the median kept. Prints a table and PASS/FAIL for the
 * targets; exits 0 whatever the targets say, 1 if a child crashes. See docs/benchmarks.md.
 *
 * BENCH_REPS (default 3) sets the repetitions; BENCH_NODE_FLAGS adds node flags to every child (e.g.
 * "--cpu-prof --cpu-prof-dir=bench-data/profiles"). After them, the national immunisation batch file
 * (1M pipe-delimited rows) against its own floor. BENCH_MODES=batch runs that part alone (the machine may
 * be shared: the figure is a ratio to the floor measured in the same run).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dataFile, ensureBenchData, sizeName, SIZES, STANDARD, VERSION, type Manifest } from './bench-generate.js';
import { CONCURRENT_SUPPLIERS, WORKERS, type Mode, type RunResult } from './bench-modes.js';
import { BATCH_RECORDS, batchFile, ensureBatchData } from './bench-generate-batch.js';

const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const CHILD_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const RUN_SCRIPT = fileURLToPath(new URL('./bench-run.js', import.meta.url));
const MODES: Mode[] = ['floor', 'ndjson', 'ndjson-scorecard', 'ndjson-workers', 'csv', 'http-ndjson', 'http-csv'];
const LABEL: Record<Mode, string> = {
  floor: 'floor: JSON.parse NDJSON',
  ndjson: 'validation NDJSON, 1 thread',
  'ndjson-scorecard': '+ scorecard, 1 thread',
  'ndjson-workers': `+ scorecard, ${WORKERS} workers (CLI)`,
  csv: 'CSV + scorecard, 1 thread',
  'http-ndjson': 'service NDJSON over HTTP',
  'http-csv': 'service CSV over HTTP',
  'http-concurrent': `service NDJSON, ${CONCURRENT_SUPPLIERS} suppliers at once`,
  'batch-floor': 'floor: JSON.parse batch NDJSON',
  'batch-csv': 'batch file CSV + scorecard, 1 thread',
};
/** Single-stream NDJSON over HTTP against the floor; the concurrency targets (docs/benchmarks.md). */
const HTTP_FLOOR_TARGET = 0.8;
const CONCURRENT_RSS_TARGET_MIB = 512;
const RATIO_TARGET = 0.6;
const RSS_GROWTH_TARGET_MIB = 64;

class ChildCrash extends Error {}

/** The HTTP modes time the service's second round (its steady state); the first, after it started, is shown beside it. */
const coldNote = (r: RunResult): string => (r.coldSeconds === undefined ? '' : `  (first upload after start ${r.coldSeconds.toFixed(2)} s)`);

function runChild(mode: Mode, file: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...CHILD_FLAGS, RUN_SCRIPT, mode, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as RunResult);
      reject(new ChildCrash(`${mode} ${file} crashed (${signal ?? `exit ${code}`}):\n${stderr.trim() || stdout.trim()}`));
    });
  });
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => `| ${r.map((cell, c) => (c < 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w, c) => (c < 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join(
    '\n',
  );
}

/** The immunisation batch file: 1M pipe-delimited rows, validated with the scorecard, against the floor on the same records. */
async function batchBench(): Promise<void> {
  const manifest = await ensureBatchData((l) => console.log(l));
  const modes: Mode[] = ['batch-floor', 'batch-csv'];
  const runs = new Map<Mode, RunResult[]>();
  for (let rep = 1; rep <= REPS; rep++) {
    for (const mode of rep % 2 ? modes : [...modes].reverse()) {
      const r = await runChild(mode, batchFile(mode === 'batch-csv' ? 'csv' : 'ndjson'));
      if (r.records !== BATCH_RECORDS) throw new ChildCrash(`${mode}: read ${r.records} records, expected ${BATCH_RECORDS}`);
      runs.set(mode, [...(runs.get(mode) ?? []), r]);
      console.log(`  rep ${rep}/${REPS}   1M ${mode.padEnd(14)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.maxRssMiB.toFixed(0).padStart(4)} MiB`);
    }
  }
  const rps = (mode: Mode) => BATCH_RECORDS / median(runs.get(mode)!.map((r) => r.seconds));
  const rows = [['input', 'records', 'seconds (min–max)', 'records/s', 'MB/s', 'vs floor', 'peak RSS MiB']];
  for (const mode of modes) {
    const times = runs.get(mode)!.map((r) => r.seconds);
    const bytes = statSync(batchFile(mode === 'batch-csv' ? 'csv' : 'ndjson')).size;
    rows.push([
      LABEL[mode],
      fmt(BATCH_RECORDS),
      `${median(times).toFixed(2)} (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)})`,
      fmt(rps(mode)),
      fmt(bytes / 1e6 / median(times), 1),
      (rps(mode) / rps('batch-floor')).toFixed(2),
      fmt(median(runs.get(mode)!.map((r) => r.maxRssMiB))),
    ]);
  }
  console.log(`\n${table(rows)}\n`);
  const st = runs.get('batch-csv')![0]!.stats!;
  const match = st.invalid === manifest.invalid ? 'as generated' : `MISMATCH: the generator made ${fmt(manifest.invalid)} invalid`;
  console.log(`batch file: records ${fmt(st.records)}, valid ${fmt(st.valid)}, invalid ${fmt(st.invalid)} (${match}), findings ${fmt(st.findings)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  if (process.env.BENCH_MODES === 'batch') {
    await batchBench();
    console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  const manifest: Manifest = await ensureBenchData((l) => console.log(l));
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`standard: ${STANDARD}@${VERSION}; ${REPS} interleaved repetitions, median kept; each run a fresh process\n`);

  const results = new Map<string, RunResult[]>();
  for (let rep = 1; rep <= REPS; rep++) {
    for (const n of SIZES) {
      for (const mode of rep % 2 ? MODES : [...MODES].reverse()) {
        const file = dataFile(n, mode.endsWith('csv') ? 'csv' : 'ndjson');
        const r = await runChild(mode, file);
        if (r.records !== n) throw new ChildCrash(`${mode} ${file}: read ${r.records} records, expected ${n}`);
        results.set(`${mode}:${n}`, [...(results.get(`${mode}:${n}`) ?? []), r]);
        console.log(
          `  rep ${rep}/${REPS} ${sizeName(n).padStart(4)} ${mode.padEnd(14)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.maxRssMiB.toFixed(0).padStart(4)} MiB${coldNote(r)}`,
        );
      }
    }
    // Twenty suppliers at once, each streaming the 100k NDJSON file.
    const small = SIZES[0];
    const r = await runChild('http-concurrent', dataFile(small, 'ndjson'));
    if (r.records !== small * CONCURRENT_SUPPLIERS)
      throw new ChildCrash(`http-concurrent: read ${r.records} records, expected ${small * CONCURRENT_SUPPLIERS}`);
    results.set('http-concurrent', [...(results.get('http-concurrent') ?? []), r]);
    console.log(
      `  rep ${rep}/${REPS} ${CONCURRENT_SUPPLIERS}×${sizeName(small)} http-concurrent ${r.seconds.toFixed(2).padStart(6)} s  ${r.maxRssMiB.toFixed(0).padStart(4)} MiB${coldNote(r)}`,
    );
  }

  const summary = (mode: Mode, n: number) => {
    const runs = results.get(`${mode}:${n}`)!;
    const seconds = median(runs.map((r) => r.seconds));
    return { runs, seconds, rps: n / seconds, rss: median(runs.map((r) => r.maxRssMiB)) };
  };
  const rows = [['input', 'records', 'seconds (min–max)', 'records/s', 'MB/s', 'vs floor', 'peak RSS MiB']];
  for (const n of SIZES) {
    const floorRps = summary('floor', n).rps;
    for (const mode of MODES) {
      const s = summary(mode, n);
      const bytes = statSync(dataFile(n, mode.endsWith('csv') ? 'csv' : 'ndjson')).size;
      const times = s.runs.map((r) => r.seconds);
      rows.push([
        LABEL[mode],
        fmt(n),
        `${s.seconds.toFixed(2)} (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)})`,
        fmt(s.rps),
        fmt(bytes / 1e6 / s.seconds, 1),
        (s.rps / floorRps).toFixed(2),
        fmt(s.rss),
      ]);
    }
  }
  const concurrent = results.get('http-concurrent')!;
  const concurrentSeconds = median(concurrent.map((r) => r.seconds));
  const concurrentRecords = concurrent[0]!.records;
  const big = SIZES[SIZES.length - 1]!;
  const bigFloorRps = summary('floor', big).rps;
  rows.push([
    LABEL['http-concurrent'],
    fmt(concurrentRecords),
    `${concurrentSeconds.toFixed(2)} (${Math.min(...concurrent.map((r) => r.seconds)).toFixed(2)}–${Math.max(...concurrent.map((r) => r.seconds)).toFixed(2)})`,
    fmt(concurrentRecords / concurrentSeconds),
    fmt((statSync(dataFile(SIZES[0], 'ndjson')).size * CONCURRENT_SUPPLIERS) / 1e6 / concurrentSeconds, 1),
    (concurrentRecords / concurrentSeconds / bigFloorRps).toFixed(2),
    fmt(median(concurrent.map((r) => r.maxRssMiB))),
  ]);
  console.log(`\n${table(rows)}\n`);
  console.log(
    '(service rows: the steady state, a service that has already taken the same upload once since it started; the first upload after start is below)',
  );
  console.log(`(the ${CONCURRENT_SUPPLIERS}-supplier row is compared with the floor at ${sizeName(big)}: the same steady state)`);
  const uploads = concurrent.flatMap((r) => r.uploadSeconds ?? []).sort((a, b) => a - b);
  const p = (q: number): number => uploads[Math.min(uploads.length - 1, Math.ceil(q * uploads.length) - 1)]!;
  console.log(
    `${CONCURRENT_SUPPLIERS} suppliers at once: each upload ${fmt(SIZES[0])} records; time per upload over ${uploads.length} uploads: p50 ${p(0.5).toFixed(2)} s, p99 ${p(0.99).toFixed(2)} s, max ${uploads.at(-1)!.toFixed(2)} s\n`,
  );

  console.log('report stats (engine):');
  for (const n of SIZES) {
    const expected = manifest.sizes[n]!;
    for (const mode of ['ndjson', 'ndjson-scorecard', 'ndjson-workers', 'csv', 'http-ndjson', 'http-csv'] as const) {
      const st = results.get(`${mode}:${n}`)![0]!.stats!;
      const match = st.invalid === expected.invalid ? 'as generated' : `MISMATCH: the generator made ${fmt(expected.invalid)} invalid`;
      console.log(
        `  ${sizeName(n).padStart(4)} ${mode.padEnd(14)} records ${fmt(st.records)}, valid ${fmt(st.valid)}, invalid ${fmt(st.invalid)} (${((100 * st.invalid) / st.records).toFixed(1)}%, ${match}), findings ${fmt(st.findings)}`,
      );
    }
    console.log(
      `       faults generated: ${Object.entries(expected.faults)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  }

  const small = SIZES[0];
  const ratio = summary('ndjson-workers', big).rps / summary('floor', big).rps;
  const single = summary('ndjson', big).rps / summary('floor', big).rps;
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
  console.log('\ntargets:');
  console.log(
    `  ${verdict(ratio >= RATIO_TARGET)}  (a) engine NDJSON records/s at ${sizeName(big)} (as conform validate runs it, ${WORKERS} workers) = ${ratio.toFixed(2)} × floor (target ≥ ${RATIO_TARGET}); on 1 thread ${single.toFixed(2)} ×`,
  );
  const http = summary('http-ndjson', big);
  const httpFloor = http.rps / summary('floor', big).rps;
  const httpEngine = http.rps / summary('ndjson-workers', big).rps;
  console.log(`  ${verdict(httpFloor >= 0.5)}  (c) service NDJSON over HTTP at ${sizeName(big)} = ${httpFloor.toFixed(2)} × floor (target ≥ 0.5)`);
  console.log(
    `  ${verdict(httpEngine >= 0.9)}  (c) service NDJSON over HTTP at ${sizeName(big)} = ${httpEngine.toFixed(2)} × the in-process engine as the CLI runs it (target ≥ 0.9)`,
  );
  console.log(`  ${verdict(http.rss < 300)}  (d) service peak RSS at ${sizeName(big)} NDJSON = ${http.rss.toFixed(0)} MiB (target < 300 MiB)`);
  const withCard = summary('ndjson-scorecard', big).rps / summary('ndjson', big).rps;
  console.log(
    `  ${verdict(withCard >= 0.85)}  (e) validation with the scorecard at ${sizeName(big)} = ${withCard.toFixed(2)} × validation without it (target ≥ 0.85)`,
  );
  const aggregate = concurrentRecords / concurrentSeconds;
  console.log(
    `  ${verdict(httpFloor >= HTTP_FLOOR_TARGET)}  (f) service single-stream NDJSON over HTTP at ${sizeName(big)} = ${httpFloor.toFixed(2)} × floor (target ≥ ${HTTP_FLOOR_TARGET})`,
  );
  console.log(
    `  ${verdict(aggregate >= http.rps)}  (g) ${CONCURRENT_SUPPLIERS} suppliers at once: aggregate ${fmt(aggregate)} records/s = ${(aggregate / http.rps).toFixed(2)} × the single stream at ${sizeName(big)} (${fmt(http.rps)}; target ≥ 1); ${(aggregate / bigFloorRps).toFixed(2)} × floor`,
  );
  // The same comparisons for the first round after each service started (its code not yet optimised).
  const coldHttp = big / median(summary('http-ndjson', big).runs.map((r) => r.coldSeconds!));
  const coldAggregate = concurrentRecords / median(concurrent.map((r) => r.coldSeconds!));
  console.log(
    `        first upload after the service started: single stream ${(coldHttp / bigFloorRps).toFixed(2)} × floor; ${CONCURRENT_SUPPLIERS} suppliers ${(coldAggregate / coldHttp).toFixed(2)} × that single stream (informational)`,
  );
  const concurrentRss = median(concurrent.map((r) => r.maxRssMiB));
  console.log(
    `  ${verdict(concurrentRss <= CONCURRENT_RSS_TARGET_MIB)}  (h) service peak RSS with ${CONCURRENT_SUPPLIERS} suppliers at once = ${concurrentRss.toFixed(0)} MiB (target ≤ ${CONCURRENT_RSS_TARGET_MIB} MiB); p99 per upload ${p(0.99).toFixed(2)} s`,
  );
  for (const mode of ['ndjson', 'ndjson-scorecard', 'ndjson-workers', 'csv', 'http-ndjson', 'http-csv'] as const) {
    const growth = summary(mode, big).rss - summary(mode, small).rss;
    console.log(
      `  ${verdict(growth <= RSS_GROWTH_TARGET_MIB)}  (b) engine ${mode.toUpperCase()} peak RSS at ${sizeName(big)} − at ${sizeName(small)} = ${growth.toFixed(0)} MiB (target ≤ ${RSS_GROWTH_TARGET_MIB} MiB)`,
    );
  }
  console.log('\nthe national immunisation batch file:');
  await batchBench();
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof ChildCrash ? `bench: ${error.message}` : error);
  process.exitCode = 1;
}
