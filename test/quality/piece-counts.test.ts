/**
 * A worker thread's scorecard counts for a piece cross as one Float64Array in the plan's layout
 * (piece-counts.ts), and the main collector's sums are the ones it would count itself: the CLD 2.0.2
 * examples (fields that apply to some event types only, rules with operands, an episode ongoing at the
 * cut-off, a row without a complete key, invalid rows) counted on this thread and, piece by piece, by a
 * worker's collector whose states the main one absorbs.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary } from '../../src/registry/library.js';
import { resolveVersion } from '../../src/registry/resolve.js';
import { qualityPlan } from '../../src/quality/plan.js';
import { parsePeriod } from '../../src/quality/period.js';
import { createWorkerObserver, QualityCollector } from '../../src/quality/collector.js';
import { PieceCountsLayout } from '../../src/quality/piece-counts.js';
import { reportingSink, recordCheck } from '../../src/validation/record-sink.js';
import { ReportBuilder } from '../../src/validation/report-builder.js';
import type { RecordObserver } from '../../src/validation/observer.js';

const root = join(import.meta.dirname, '../..');
const library = await loadLibrary(join(root, 'standards'));
const STANDARD = 'adult-social-care-client-level';
const version = resolveVersion(library, STANDARD, '2.0.2');
const submittedAt = new Date('2024-07-20T09:00:00Z');
const plan = qualityPlan(
  library.validators.ajv,
  version.schema,
  version.schemaId,
  library.standards.get(STANDARD)!.meta,
  submittedAt,
  parsePeriod('2024-25-Q1'),
);
const examples = parse(await readFile(join(root, 'standards', STANDARD, 'examples/2.0.2.yaml'), 'utf8')) as Record<'valid' | 'invalid', { record: unknown }[]>;
const records = [...examples.valid, ...examples.invalid].map((e) => e.record);

/** Runs `records` through `observer` as the engine does (its findings included). */
function observe(observer: RecordObserver, some: unknown[]): void {
  const sink = reportingSink(new ReportBuilder(), recordCheck(version.compiled, { submittedAt: submittedAt.toISOString() }), observer);
  some.forEach((record, i) => sink.record(record, i + 1));
}

describe("a worker's counts for a piece", () => {
  it('are one Float64Array in the plan’s layout, and add up to what this thread counts itself', () => {
    const alone = new QualityCollector(plan);
    observe(alone, records);

    const main = new QualityCollector(plan);
    const worker = createWorkerObserver(plan);
    const layout = new PieceCountsLayout(plan);
    let lines = 0;
    for (let at = 0; at < records.length; at += 3) {
      const piece = records.slice(at, at + 3);
      observe(worker, piece);
      const state = worker.state() as { counts: Float64Array };
      expect(state.counts).toBeInstanceOf(Float64Array);
      expect(state.counts).toHaveLength(layout.length);
      main.absorb(state, lines);
      lines += piece.length;
    }
    expect(main.counts).toEqual(alone.counts);
    // Every kind of count the layout carries is met, so none is summed by luck of being 0 throughout.
    const c = alone.counts;
    expect(Object.values(c.fields).some((f) => (f.notApplicable ?? 0) > 0 && f.invalid > 0)).toBe(true);
    expect(Object.values(c.fields).some((f) => f.defaults > 0)).toBe(true);
    expect(c.uniqueness!.missingKey).toBeGreaterThan(0);
    expect(c.consistency!.checkable).toBeGreaterThan(0);
    expect(c.timeliness!.ongoing).toBeGreaterThan(0);
    expect(c.records).toBe(records.length);
    expect(c.validRecords).toBeLessThan(records.length);
  });

  it('are refused when their layout is not the plan’s (a worker built from another plan)', () => {
    const main = new QualityCollector(plan);
    expect(() => main.absorb({ counts: new Float64Array(3), keys: new Int32Array(0) })).toThrow(/3 numbers where the plan has/);
  });
});
