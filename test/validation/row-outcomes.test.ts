/** Row outcomes (row-outcomes.ts): every failed record listed in the acknowledgement, whatever the findings cap, in bounded memory. */
import { describe, expect, it } from 'vitest';
import { busAck, infAck } from '../../src/validation/ack-file.js';
import { failedRecords, MAX_OUTCOME_RUNS, MAX_OUTCOME_TEXT_CHARS, OutcomeRecorder, type RowOutcomes } from '../../src/validation/row-outcomes.js';
import type { Finding } from '../../src/validation/report-types.js';
import { compile, run } from './helpers.js';

const error = (record: number, path: string, message: string): Finding => ({ record, line: record + 1, path, rule: 'x', message, severity: 'error' });
const options = { messageId: 'm1', receivedAt: '2024-06-10T17:33:25.000Z' };

const schema = {
  type: 'object',
  required: ['ID', 'DOSE'],
  properties: { ID: { type: 'string' }, DOSE: { type: 'integer', maximum: 9 } },
  'x-csv': { delimiter: '|', header: 'exact' },
};

/** 100 data rows (with blank lines between some): even rows pass, odd rows fail (DOSE 10, or DOSE missing on every 5th odd row). */
function file(): { text: string; failed: number[] } {
  const lines = ['ID|DOSE'];
  const failed: number[] = [];
  for (let n = 1; n <= 100; n++) {
    if (n % 10 === 0) lines.push('', '  ');
    if (n % 2 === 0) lines.push(`A${n}|1`);
    else {
      failed.push(n);
      lines.push(n % 5 === 0 ? `A${n}|` : `A${n}|10`);
    }
  }
  return { text: lines.join('\r\n') + '\n', failed };
}

describe('row outcomes', () => {
  it('list every failed row beyond the findings cap, numbered as the pipeline numbers data rows (header and blank lines not counted)', async () => {
    const { text, failed } = file();
    const report = await run([text], compile(schema), { format: 'csv', maxFindings: 5, outcomes: true });
    expect(report.findings).toHaveLength(5);
    expect(report.truncated).toBe(true);
    expect(report.stats.invalid).toBe(50);
    const ack = busAck(report, options).trimEnd().split('\n').slice(1);
    expect(ack).toHaveLength(50);
    expect(ack.map((line) => line.split('|')[0])).toEqual(failed.map((n) => `m1^${n}`));
    expect(ack[0]!.split('|')[12]).toBe('DOSE: must be at most 9');
    expect(ack[2]!.split('|')[12]).toBe('"DOSE: missing required field ""DOSE"""'); // row 5 lacks DOSE
    // Rows past the report's cap on findings keep their error text too (their messages are still written).
    expect(ack.slice(5).map((line) => line.split('|')[12])).not.toContain('');
    expect(ack.at(-1)!.split('|')[12]).toMatch(/^"?DOSE: /);
    // Not part of the report's JSON: the API and --output json answer as before.
    expect(JSON.parse(JSON.stringify(report))).not.toHaveProperty('outcomes');
    expect(report.outcomes!.omitted).toBe(0);
  });

  it('a run without outcomes writes its ack from the capped findings and says so in a last line, never a silent gap', async () => {
    const { text } = file();
    const report = await run([text], compile(schema), { format: 'csv', maxFindings: 5 });
    expect(report.outcomes).toBeUndefined();
    const ack = busAck(report, options).trimEnd().split('\n');
    expect(ack).toHaveLength(1 + 5 + 1);
    expect(ack.at(-1)!.split('|')[0]).toBe('m1');
    expect(ack.at(-1)).toContain('this acknowledgement is incomplete');
  });

  it('a row whose only error was said once for the file (a required column the header lacks) is still listed, with that error', async () => {
    const anyOrder = compile({ type: 'object', required: ['ID', 'DOSE'], properties: { ID: { type: 'string' }, DOSE: { type: 'integer' } } });
    const report = await run(['ID\nA1\nA2\n'], anyOrder, { format: 'csv', outcomes: true });
    expect(report.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 missing-column']);
    expect(report.stats.invalid).toBe(2);
    expect([...failedRecords(report.outcomes!)]).toEqual([
      [1, 'DOSE: missing required field "DOSE"'],
      [2, 'DOSE: missing required field "DOSE"'],
    ]);
  });

  it('runs: consecutive rows failing the same way are one run; warnings and passing rows are not listed', () => {
    const recorder = new OutcomeRecorder();
    for (const r of [1, 2, 3]) recorder.fail(r, [error(r, '/A', 'bad'), { ...error(r, '/B', 'odd'), severity: 'warning' }]);
    recorder.fail(5, [error(5, '/A', 'bad')]);
    recorder.fail(6, [error(6, '', 'malformed CSV: cell 2 has a quote\ninside')]);
    const outcomes = recorder.result();
    expect(outcomes.runs).toEqual([1, 3, 0, 5, 1, 0, 6, 1, 1]);
    expect(outcomes.texts).toEqual(['A: bad', 'malformed CSV: cell 2 has a quote inside']);
    expect([...failedRecords(outcomes)].map(([r]) => r)).toEqual([1, 2, 3, 5, 6]);
  });

  it(`keeps at most ${MAX_OUTCOME_RUNS} runs, then counts the rest and the ack ends with a line that says how many are missing`, () => {
    const recorder = new OutcomeRecorder();
    const rows = MAX_OUTCOME_RUNS + 7;
    // Alternating outcomes: every failed row is its own run.
    for (let r = 1; r <= rows; r++) recorder.fail(r, [error(r, '/A', r % 2 === 0 ? 'even' : 'odd')]);
    const outcomes = recorder.result();
    expect(outcomes.runs.length / 3).toBe(MAX_OUTCOME_RUNS);
    expect(outcomes.omitted).toBe(7);
    const report = { findings: [], truncated: true, outcomes, stats: { records: rows } } as unknown as Parameters<typeof busAck>[0];
    const ack = busAck(report, options).trimEnd().split('\n');
    expect(ack).toHaveLength(1 + MAX_OUTCOME_RUNS + 1);
    expect(ack.at(-2)!.startsWith(`m1^${MAX_OUTCOME_RUNS}|`)).toBe(true);
    expect(ack.at(-1)).toContain(`7 more failed rows are not listed after row ${MAX_OUTCOME_RUNS}`);
  });

  it('keeps distinct outcome texts within their character bound', () => {
    const recorder = new OutcomeRecorder();
    const long = 'x'.repeat(10_000);
    const rows = Math.ceil(MAX_OUTCOME_TEXT_CHARS / 10_000) + 5;
    for (let r = 1; r <= rows; r++) recorder.fail(r, [error(r, '/A', `${r} ${long}`)]);
    const outcomes: RowOutcomes = recorder.result();
    expect(outcomes.texts.reduce((n, t) => n + t.length, 0)).toBeLessThanOrEqual(MAX_OUTCOME_TEXT_CHARS);
    expect(outcomes.omitted).toBeGreaterThan(0);
    expect(outcomes.runs.length / 3 + outcomes.omitted).toBe(rows);
  });

  it('InfAck: Failure from a file-level error, from the outcomes and from the report alone (as it comes back over HTTP), even with a findings cap of 0', async () => {
    const report = await run(['ID|DOSE|EXTRA\nA1|1|x\n'], compile({ ...schema, additionalProperties: false }), {
      format: 'csv',
      maxFindings: 0,
      outcomes: true,
    });
    expect(report.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 header-order', '0 unknown-column']);
    expect(report.outcomes!.fileFailed).toBe(true);
    expect(infAck(report, options).split('\n')[1]).toMatch(/^m1\|Failure\|/);
    const received = JSON.parse(JSON.stringify(report)) as typeof report;
    expect(received.outcomes).toBeUndefined();
    expect(infAck(received, options).split('\n')[1]).toMatch(/^m1\|Failure\|/);
  });
});
