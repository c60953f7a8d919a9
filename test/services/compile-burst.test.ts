/**
 * A burst of first submissions to many different versions, in a serving process whose main thread
 * validates them itself (here: the app from TypeScript sources, where the pool's threads are not built;
 * in production CONFORM_WORKERS=0). Each such submission needs its version compiled on the main thread,
 * which holds the event loop: the compiles go through one gate (services/compile-gate.ts), one at a time
 * with a turn of the event loop before each, at most 1 + DEFAULT_MAX_WAITING_COMPILES at once; the rest
 * are refused at once (503, Retry-After) and validate as before when sent again. Counted with a spy on
 * Ajv's compile and a counter of event-loop turns, never a clock.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject } from 'ajv';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Principal } from '../../src/services/access.js';
import { DomainError } from '../../src/services/errors.js';
import { DEFAULT_MAX_WAITING_COMPILES } from '../../src/services/compile-gate.js';
import { Validators } from '../../src/validation/validators.js';
import { versionSchemaId } from '../../src/registry/library.js';
import { validateStream } from '../../src/validation/validate.js';
import type { Report } from '../../src/validation/report-types.js';

const VERSIONS = 10;
const BOUND = 1 + DEFAULT_MAX_WAITING_COMPILES;
const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };
const supplier: Principal = { role: 'supplier', organisation: 'BURST1', name: 'test', actor: 'supplier:test', tokenId: 't2' };

/** Version `n`: fields with patterns of its own, so each one's content (and compile) is its own. */
const schema = (n: number): AnySchemaObject => ({
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: `^V${n}[0-9]{3}$` },
    kind: { enum: ['A', 'B'] },
    count: { type: 'integer', minimum: n },
  },
});
const ndjson = (n: number) =>
  `${JSON.stringify({ id: `V${n}123`, kind: 'A', count: n })}\n${JSON.stringify({ id: 'x', kind: 'C', count: -1 })}\n{"kind":"B"}\n`;
const verdict = (report: Report) => ({ valid: report.valid, records: report.stats.records, findings: report.findings, summary: report.summary });

let app: App;
const hashes: string[] = [];
beforeAll(async () => {
  app = await buildApp(
    loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent', CONFORM_MAX_VALIDATIONS: '100', CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '100' }),
  );
  for (let n = 0; n < VERSIONS; n++) {
    const published = await app.services.standards.publish({ standardId: `burst-${n}`, version: '1.0.0', body: JSON.stringify(schema(n)) }, author);
    hashes.push(published.version.contentHash);
  }
}, 60_000);
afterAll(async () => app.stop());

const trial = (n: number) =>
  app.services.submissions.trial({ standardId: `burst-${n}`, versionSpec: '1.0.0', format: 'ndjson', source: [Buffer.from(ndjson(n))] }, supplier);

describe('first submissions to many versions at once, validated on the main thread', () => {
  it('compile one at a time, a turn of the event loop apart; past the bound they are refused with 503 and validate when sent again', async () => {
    expect(app.pool.available).toBe(false); // the main thread validates: the case the gate is for
    expect(hashes.filter((h) => app.services.standards.isCompiled(h))).toEqual([]);
    // Turns of the event loop, counted by an immediate that queues itself again.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const compiledAt: number[] = [];
    const compile = Ajv2020.prototype.compile;
    vi.spyOn(Ajv2020.prototype, 'compile').mockImplementation(function (this: Ajv2020, ...args: Parameters<Ajv2020['compile']>) {
      compiledAt.push(turns);
      return compile.apply(this, args);
    } as Ajv2020['compile']);
    let answers: PromiseSettledResult<Report>[];
    try {
      answers = await Promise.allSettled(Array.from({ length: VERSIONS }, (_, n) => trial(n)));
    } finally {
      ticking = false;
      vi.restoreAllMocks();
    }
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as DomainError] : []));
    expect(refused.length).toBe(VERSIONS - BOUND);
    for (const refusal of refused) {
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal.kind).toBe('unavailable');
      expect(refusal.retryAfter).toBe(5);
      expect(refusal.errors).toEqual([expect.objectContaining({ limit: 'version-compiles', max: BOUND })]);
      expect(refusal.message).toMatch(/preparing as many standard versions for validation as it can \(5\); try again later/);
    }
    // Only the versions admitted were compiled on this thread, each in a turn of the event loop of its own.
    expect(compiledAt.length).toBe(BOUND);
    expect(new Set(compiledAt).size).toBe(BOUND);
    expect(hashes.filter((h) => app.services.standards.isCompiled(h)).length).toBe(BOUND);

    // Sent again one at a time, every version validates, as a version compiled at once on this thread does.
    for (let n = 0; n < VERSIONS; n++) {
      const report = await trial(n);
      const eager = new Validators().compile(
        { id: `burst-${n}`, version: '1.0.0', contentHash: hashes[n]! },
        versionSchemaId(`burst-${n}`, '1.0.0'),
        schema(n),
      );
      const expected = await validateStream([Buffer.from(ndjson(n))], eager, { format: 'ndjson' });
      expect(verdict(report), `version ${n}`).toEqual(verdict(expected));
      expect(report.valid).toBe(false);
    }
    expect(hashes.every((h) => app.services.standards.isCompiled(h))).toBe(true);
  }, 60_000);
});
