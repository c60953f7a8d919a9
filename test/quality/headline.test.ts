/**
 * An honest headline: validity comes first, and a file with a quarter of its records invalid cannot read
 * as good. Below the validity gate (standard.yaml quality.validityGate, default 0.95) the overall score is
 * capped at validity and marked "fails validity" in the JSON, the CLI table and the web bar.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { headline, recomputeScorecard } from '../../src/quality/scorecard.js';
import type { QualityDeclarations } from '../../src/quality/plan.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';
import { scoreBar } from '../../src/web/charts.js';

const ID = 'https://conform.invalid/standards/h/1.0.0';
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'seen', 'code'],
  properties: { id: { type: 'string' }, seen: { type: 'string', format: 'date' }, code: { enum: ['A', 'B'] } },
};

/** Twenty records, every one complete, unique and on time; the first `invalid` carry a code not in the list. */
async function scorecardOf(invalid: number, declared: QualityDeclarations = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'h', version: '1.0.0', contentHash: 'h1' }, ID, schema);
  const pass = scorecardPass(
    validators.ajv,
    schema,
    ID,
    { recordKey: ['/id'], eventDate: '/seen', submissionDeadline: 'P30D', ...declared },
    new Date('2026-03-31T00:00:00Z'),
  );
  const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `r${i}`, seen: '2026-03-20', code: i < invalid ? 'Z' : 'A' }));
  await validateStream([Buffer.from(lines.join('\n'))], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

describe('the validity gate', () => {
  it('caps a file with a quarter of its records invalid at its validity, and marks it', async () => {
    const card = await scorecardOf(5);
    // Every other dimension is perfect, so the weighted mean would read 90.0 (validity 75 × 30, completeness, uniqueness and timeliness 100), as good as it looks.
    expect(card.weightedMean).toBe(90);
    expect(card).toMatchObject({ validity: 75, status: 'fails-validity', failsValidity: true, validityGate: 95, overall: 75 });
    expect(Object.keys(card).slice(0, 5)).toEqual(['validity', 'status', 'failsValidity', 'validityGate', 'overall']);
    expect(Object.keys(card.dimensions)[0]).toBe('validity');
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as typeof card)).toEqual(card);
  });

  it('says so in the CLI table, validity first, and draws the overall bar red', async () => {
    const card = await scorecardOf(5);
    const lines = formatScorecard(card).split('\n');
    expect(lines[1]).toBe('Validity 75.0 of 100 (records that pass the schema; gate 95.0): FAILS validity');
    expect(lines[2]).toBe('Data quality: overall 75.0 of 100, capped at validity (weighted mean 90.0; docs/quality.md)');
    expect(lines[4]).toMatch(/^ {2}validity +75\.0/);
    expect(scoreBar('Overall', card.overall, card.failsValidity)).toContain('fill="#d5281b"');
    expect(scoreBar('Overall', 90)).toContain('fill="#007f3b"'); // 90.0 without the gate: green
  });

  it('leaves the overall score alone at or above the gate, which a standard may declare', async () => {
    const clean = await scorecardOf(1); // 95% valid: at the default gate
    expect(clean).toMatchObject({ validity: 95, status: 'meets-validity-gate', failsValidity: false });
    expect(clean.overall).toBe(clean.weightedMean);
    expect(formatScorecard(clean)).not.toContain('FAILS');
    const lenient = await scorecardOf(5, { quality: { validityGate: 0.7 } });
    expect(lenient).toMatchObject({ validity: 75, failsValidity: false, validityGate: 70, overall: 90 });
    expect(lenient.plan.validityGate).toBe(0.7);
  });

  it('is not applied when nothing is measured', () => {
    expect(headline(null, null, 0.95)).toEqual({ validity: null, status: 'not-measured', failsValidity: false, validityGate: 95, overall: null });
    expect(headline(50, 40, 0.95).overall).toBe(40); // never raised to validity
  });
});
