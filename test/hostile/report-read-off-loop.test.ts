/**
 * Hostile: reading a large stored report held the event loop. A report of 100,000 findings (13 to 26 MB of
 * JSON) was read from SQLite (45 to 150 ms) and parsed with one JSON.parse (130 to 280 ms) on the event
 * loop, on every read (API, findings.csv, acknowledgement files, its page), so a few reads in a row held
 * /health for most of a second. Now a worker thread reads it (from the SQLite file by id; from PostgreSQL
 * or an in-memory store the text is handed to it) and parses it, and hands it back split: the serving
 * thread parses a head and pieces of at most 500 items, one per turn of the event loop. These tests watch
 * JSON.parse on the serving thread: it never sees the whole report, only pieces.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { joinReport, PIECE_ITEMS, splitReport } from '../../src/store/report-split.js';
import type { Store } from '../../src/store/types.js';
import { startLiveApp } from './support.js';

const dist = '../../dist/src';
const { openSqliteStore } = (await import(`${dist}/store/sqlite.js`)) as typeof import('../../src/store/sqlite.js');
const { openPostgresStore } = (await import(`${dist}/store/postgres.js`)) as typeof import('../../src/store/postgres.js');
const { ReportReader } = (await import(`${dist}/services/report-reader.js`)) as typeof import('../../src/services/report-reader.js');

/** A report's shape: findings past many pieces, row outcomes whose runs are long too, small values around them. */
function bigReport(findings: number) {
  return {
    standard: { id: 'patient-demographics', version: '2.0.1' },
    valid: false,
    findings: Array.from({ length: findings }, (_, i) => ({
      record: i + 1,
      path: `/x${i % 997}`,
      rule: 'additionalProperties',
      message: `The field x${i % 997} is not known é ✓`,
      value: null,
    })),
    summary: [{ rule: 'additionalProperties', path: '/x0', count: findings }],
    outcomes: { runs: Array.from({ length: 1_200 }, (_, i) => [i, i + 1]), texts: ['a'] },
    empty: [],
  };
}

/** Runs `work` with JSON.parse watched on this thread: the longest text it was given. */
async function longestParse<T>(work: () => Promise<T>): Promise<{ result: T; longest: number }> {
  const parse = JSON.parse;
  let longest = 0;
  JSON.parse = ((text: string, reviver?: (key: string, value: unknown) => unknown) => {
    longest = Math.max(longest, String(text).length);
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    return { result: await work(), longest };
  } finally {
    JSON.parse = parse;
  }
}

describe('a report split and joined', () => {
  it('is the same value as JSON.parse of its text, whatever the shape', async () => {
    const shapes: unknown[] = [bigReport(1_234), bigReport(3), { findings: Array.from({ length: PIECE_ITEMS * 2 }, (_, i) => i) }, [1, 2], 'text', null, {}];
    for (const shape of shapes) {
      const text = JSON.stringify(shape);
      expect(await joinReport(splitReport(text))).toEqual(JSON.parse(text));
    }
  });

  it('is parsed a piece per turn of the event loop: other work runs between the pieces', async () => {
    const split = splitReport(JSON.stringify(bigReport(20 * PIECE_ITEMS)));
    let turns = 0;
    let done = false;
    const spin = (): void => {
      turns++;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const { longest } = await longestParse(async () => joinReport(split));
    done = true;
    expect(turns).toBeGreaterThanOrEqual(20);
    expect(longest).toBeLessThan(200_000);
  });
});

const url = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function sqliteFileStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'conform-report-read-'));
  const store = await openSqliteStore(dir);
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

async function postgresStore(): Promise<Store> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openPostgresStore(scoped.toString());
  cleanups.push(async () => {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
  });
  return store;
}

const stores: [string, () => Promise<Store>][] = [
  ['SQLite (a file: the worker reads the row)', sqliteFileStore],
  ['SQLite in memory (the text is handed over)', async () => openSqliteStore(':memory:')],
  ...(url ? [['PostgreSQL (the text is handed over)', postgresStore] as [string, () => Promise<Store>]] : []),
];

describe.each(stores)('a stored report read from %s', (_name, open) => {
  it('is parsed on a worker: this thread parses only pieces, and gets the same report; an unknown id is none', async () => {
    const store = await open();
    const report = bigReport(30_000);
    const text = JSON.stringify(report);
    const id = randomUUID();
    await store.saveSubmission({
      id,
      organisation: '8KR01',
      submittedBy: 'supplier:test',
      standardId: 'patient-demographics',
      version: '2.0.1',
      createdAt: new Date().toISOString(),
      valid: false,
      records: 30_000,
      report: text,
      quality: null,
    });
    const file = store.reportFile;
    const reader = new ReportReader({ ...(file !== undefined ? { file } : {}), text: (one) => store.getReportText(one) });
    try {
      const { result, longest } = await longestParse(() => reader.read(id));
      expect(result).toEqual(report);
      expect(text.length).toBeGreaterThan(3_000_000);
      expect(longest).toBeLessThan(200_000);
      expect(await reader.read(randomUUID())).toBeUndefined();
    } finally {
      await reader.close();
    }
    expect((await store.getSubmissionHead(id))?.report).toBe('');
  }, 60_000);
});

describe('the service over a SQLite file', () => {
  it("answers a large report's JSON without parsing it whole on the serving thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conform-report-read-'));
    const live = await startLiveApp({ CONFORM_DATA_DIR: dir });
    try {
      const token = await live.supplier('8KR01');
      const record = JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, k) => [`x${k}`, 'v'])));
      const base = `http://127.0.0.1:${live.port}`;
      const submitted = await fetch(`${base}/v1/standards/patient-demographics/versions/2.0.1/validate?maxFindings=100000`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: `${record}\n`.repeat(100),
      });
      expect(submitted.status).toBe(201);
      const id = ((await submitted.json()) as { submission: { id: string } }).submission.id;
      const stored = (await live.app.store.getSubmission(id))!.report;
      expect(stored.length).toBeGreaterThan(2_000_000);
      const { result, longest } = await longestParse(async () => {
        const answer = await fetch(`${base}/v1/submissions/${id}`, { headers: { authorization: `Bearer ${token}` } });
        return { status: answer.status, text: await answer.text() };
      });
      expect(result.status).toBe(200);
      expect(longest).toBeLessThan(200_000);
      const report = JSON.parse(result.text) as { findings: unknown[]; submission: { id: string } };
      expect(report.findings).toEqual((JSON.parse(stored) as { findings: unknown[] }).findings);
      expect(report.submission.id).toBe(id);
    } finally {
      await live.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
