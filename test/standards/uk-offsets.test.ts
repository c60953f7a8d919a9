/**
 * The UK offsets of the bundled standards' date-times (uk-date-time) against the NHS sources: the NHS Wales
 * Data Dictionary's timestamp rule restricts offsets to +01:00, +00:00 and -00:00 (or Z), and gives
 * 2020-08-21T10:15:20-00:00 as a valid Greenwich Mean Time example, so a real record written that way must
 * pass; any other offset must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
});

/** The findings of one record under a bundled version, as "path rule". */
async function findings(standardId: string, versionId: string, record: Record<string, unknown>): Promise<string[]> {
  const standard = library.standards.get(standardId)!;
  const version = standard.versions.find((v) => v.version === versionId)!.compiled;
  const report = await validateStream([Buffer.from(JSON.stringify(record))], version, {
    format: 'ndjson',
    context: { submittedAt: '2026-12-01T12:00:00Z' },
  });
  return report.findings.map((f) => `${f.path} ${f.rule}`);
}

async function firstValid(standardId: string, versionId: string): Promise<Record<string, unknown>> {
  const standard = library.standards.get(standardId)!;
  const examples = parse(await readFile(join(standard.dir, 'examples', `${versionId}.yaml`), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  return examples.valid[0]!.record;
}

describe('UK offsets in the bundled standards', () => {
  it('accept an emergency care attendance timed in GMT written -00:00 (ECDS 3.0.0)', async () => {
    const record = {
      ...(await firstValid('emergency-care-attendance', '3.0.0')),
      activityStartDateTime: '2024-01-14T23:50:00-00:00',
      initialAssessmentDateTime: '2024-01-14T23:58:00-00:00',
      decidedToAdmitDateTime: '2024-01-15T02:10:00+00:00',
      departureDateTime: '2024-01-15T03:40:00Z',
    };
    expect(await findings('emergency-care-attendance', '3.0.0', record)).toEqual([]);
    expect(await findings('emergency-care-attendance', '3.0.0', { ...record, departureDateTime: '2024-01-15T03:40:00-05:00' })).toEqual([
      '/departureDateTime format',
    ]);
  });

  it('accept a demographic record last updated at -00:00 (patient demographics 2.0.1)', async () => {
    const record = { ...(await firstValid('patient-demographics', '2.0.1')), lastUpdated: '2024-01-05T22:40:00-00:00' };
    expect(await findings('patient-demographics', '2.0.1', record)).toEqual([]);
  });
});
