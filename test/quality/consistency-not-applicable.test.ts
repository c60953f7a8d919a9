/**
 * Consistency judges a record only where a cross-field rule applies to it: a rule compares fields, and
 * where `x-applicable` says none of a rule's fields apply (a batch file's DELETE row, whose dates the
 * national pipeline ignores) the record is not judged, neither passing nor failing, and the note says how
 * many were not. Until December 2026 every DELETE row counted as checked and passing, so a file of
 * deletions read as perfectly consistent and a file with some read better than its NEW rows were.
 *
 * By hand, immunisation-batch 10.3.0 (six rules, all on NEW and UPDATE rows): row 1 a valid NEW; row 2 a
 * NEW whose batch expired before the vaccination (expiry-not-before-vaccination, a warning); rows 3 and 4
 * DELETEs (DELETE and delete). Assessed 2, failed 1: 50.0; 2 not applicable. The same counted by a
 * worker, piece by piece, and absorbed.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { resolveVersion } from '../../src/registry/resolve.js';
import { qualityPlan } from '../../src/quality/plan.js';
import { createWorkerObserver, QualityCollector } from '../../src/quality/collector.js';
import { computeScorecard } from '../../src/quality/scorecard.js';
import { explainDimension } from '../../src/quality/explain.js';
import { reportingSink, recordCheck } from '../../src/validation/record-sink.js';
import { ReportBuilder } from '../../src/validation/report-builder.js';
import type { RecordObserver } from '../../src/validation/observer.js';
import { base, deleteRow } from '../support/immunisation-batch-rows.js';

const root = join(import.meta.dirname, '../..');
const library = await loadLibrary(join(root, 'standards'));
const STANDARD = 'immunisation-batch';
const version = resolveVersion(library, STANDARD, '10.3.0');
const submittedAt = new Date('2026-12-01T09:00:00Z');
const plan = qualityPlan(library.validators.ajv, version.schema, version.schemaId, library.standards.get(STANDARD)!.meta, submittedAt);

/** A row as JSON sends it: empty cells left out. */
const json = (row: Record<string, string>): Record<string, unknown> => {
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
  if (typeof out.PRIMARY_SOURCE === 'string') out.PRIMARY_SOURCE = out.PRIMARY_SOURCE.toLowerCase() === 'true';
  if (typeof out.DOSE_SEQUENCE === 'string') out.DOSE_SEQUENCE = Number(out.DOSE_SEQUENCE);
  if (typeof out.DOSE_AMOUNT === 'string') out.DOSE_AMOUNT = Number(out.DOSE_AMOUNT);
  return out;
};
const records = [base(1), { ...base(2), EXPIRY_DATE: '20261001' }, deleteRow('COVID-0001'), deleteRow('COVID-0002', 'delete')].map(json);

function observe(observer: RecordObserver, some: unknown[]): void {
  const sink = reportingSink(new ReportBuilder(), recordCheck(version.compiled, { submittedAt: submittedAt.toISOString() }), observer);
  some.forEach((record, i) => sink.record(record, i + 1));
}

describe('consistency: records no cross-field rule applies to are not judged', () => {
  it('counts the DELETE rows as not applicable, not as passing, and says so', () => {
    const alone = new QualityCollector(plan);
    observe(alone, records);
    expect(alone.counts.consistency).toMatchObject({ assessed: 2, failed: 1, notApplicable: 2 });
    const card = computeScorecard(plan, alone.counts);
    expect(card.dimensions.consistency).toMatchObject({ measured: true, score: 50, counts: { assessed: 2, failed: 1, notApplicable: 2 } });
    expect(card.dimensions.consistency.note).toBe(
      '2 records no cross-field rule applies to, as the rules apply only when ACTION_FLAG is NEW or UPDATE (in any case), are not judged',
    );
    expect(explainDimension('consistency', card)).toBe('1 of 2 records fails a cross-field rule; 2 records no rule applies to are not judged');
  });

  it('a worker counts the same, piece by piece', () => {
    const main = new QualityCollector(plan);
    const worker = createWorkerObserver(plan);
    for (let at = 0; at < records.length; at += 2) {
      observe(worker, records.slice(at, at + 2));
      main.absorb(worker.state(), at);
    }
    expect(main.counts.consistency).toMatchObject({ assessed: 2, failed: 1, notApplicable: 2 });
  });

  it('a file of DELETE rows only is not measured, and the note says why', () => {
    const alone = new QualityCollector(plan);
    observe(alone, records.slice(2));
    const d = computeScorecard(plan, alone.counts).dimensions.consistency;
    expect(d).toMatchObject({ measured: false, score: null });
    expect(d.note).toBe(
      'no record is one a cross-field rule applies to: 2 records no cross-field rule applies to, as the rules apply only when ACTION_FLAG is NEW or UPDATE (in any case), are not judged',
    );
  });
});
