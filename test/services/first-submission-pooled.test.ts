/**
 * The first submission of a version validated on the pool's threads: the main thread does not compile the
 * version's validator (the threads compile their own), so it is never held for it (0.3 to 1.7 s measured
 * for a version of 1,000 fields with patterns). NDJSON cut into pieces, CSV validated whole, and JSON on
 * the small-file lane give the verdicts a version compiled on this thread gives. The threads run compiled
 * code, so this test uses the build (npm test builds first). The event loop's longest hold is printed,
 * not asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import type { App } from '../../src/app.js';
import type { Principal } from '../../src/services/access.js';
import type { InputFormat, Report } from '../../src/validation/report-types.js';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { versionSchemaId } from '../../src/registry/library.js';
import { heldWhile } from '../support/loop-hold.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');

const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };
const supplier: Principal = { role: 'supplier', organisation: 'POOL1', name: 'test', actor: 'supplier:test', tokenId: 't2' };

/** A version of 1,000 fields, each with a pattern of its own (`n` makes each version's content its own). */
function big(n: number): AnySchemaObject {
  const properties: Record<string, object> = {};
  for (let i = 0; i < 1_000; i++) properties[`f${i}`] = { type: 'string', pattern: `^[A-Z]{2}${i % 10}[0-9]{0,${1 + n}}$`, maxLength: 40 };
  return { title: 'Big', type: 'object', required: ['f0', 'f1'], properties };
}

/** Each format's file, the lane it takes (by the size it declares), and its version. */
const files: { format: InputFormat; body: string; sizeHint?: number; n: number }[] = [
  { format: 'ndjson', body: `${JSON.stringify({ f0: 'AB0', f1: 'CD1' })}\n${JSON.stringify({ f1: 'x', f2: 'EF2123' })}\n{"f0":1}\n`, n: 0 },
  { format: 'csv', body: 'f0,f1,f2\nAB0,CD1,EF2\nab0,,EF29\n,,\n', sizeHint: 2 * 1024 * 1024, n: 1 },
  { format: 'json', body: JSON.stringify([{ f0: 'AB0', f1: 'CD1' }, { f0: 'AB0', f5: 'GH5999' }, 7]), sizeHint: 200, n: 2 },
];
const verdict = (report: Report) => ({ valid: report.valid, stats: { ...report.stats, seconds: 0 }, findings: report.findings, summary: report.summary });

let app: App;
const hashes: string[] = [];
beforeAll(async () => {
  app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent', CONFORM_WORKERS: '2' }));
  for (const { n } of files) {
    const published = await app.services.standards.publish({ standardId: `big-${n}`, version: '1.0.0', body: JSON.stringify(big(n)) }, author);
    hashes.push(published.version.contentHash);
  }
}, 120_000);
afterAll(async () => app.stop());

describe('the first submission of a version validated on the pool', () => {
  it('does not compile its validator on the main thread, and gives the verdicts of one compiled there', async () => {
    expect(app.pool.available).toBe(true);
    for (const [i, { format, body, sizeHint, n }] of files.entries()) {
      const { value: report, held } = await heldWhile(
        () =>
          app.services.submissions.trial(
            { standardId: `big-${n}`, versionSpec: '1.0.0', format, source: [Buffer.from(body)], ...(sizeHint ? { sizeHint } : {}) },
            supplier,
          ),
        5,
      );
      console.log(`${format}: the first submission held the event loop at most ${Math.round(held)} ms`);
      expect(app.services.standards.isCompiled(hashes[i]!), format).toBe(false);
      const here = new Validators().compile({ id: `big-${n}`, version: '1.0.0', contentHash: hashes[i]! }, versionSchemaId(`big-${n}`, '1.0.0'), big(n));
      const expected = await validateStream([Buffer.from(body)], here, { format });
      expect(verdict(report), format).toEqual(verdict(expected));
      expect(report.findings.length, format).toBeGreaterThan(0);
    }
  }, 120_000);
});
