/**
 * The scorecard as an analyst checks it, for adult social care client level data (the bundled 2.0.2, CLD
 * Release 2): the eleven valid rows of its published examples (a request closed the same day, open and
 * closed services, a carer known by association with no event, a review, an assessment, requests with the
 * postcode or ethnicity not known), validated for the quarter April to June 2024, every figure worked out
 * by hand below: fields that apply to some event types only, an episode ongoing though it started before
 * the 12 months the file covers, a row without a complete key, default codes in lower case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

type Rec = Record<string, any>;
let dir: string;
beforeAll(async () => {
  const examples = parse(await readFile(new URL('../../standards/adult-social-care-client-level/examples/2.0.2.yaml', import.meta.url), 'utf8')) as {
    valid: { record: Rec }[];
  };
  dir = await mkdtemp(join(tmpdir(), 'conform-analyst-cld-'));
  await writeFile(join(dir, 'cld.ndjson'), examples.valid.map((e) => JSON.stringify(e.record)).join('\n') + '\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/*
 * The rows (record: event type, start, end): 1 Request 2024-04-03–04-03; 2 Service 2023-11-13, open;
 * 3 carer known by association, no event; 4 Service 2022-09-05–2024-05-20; 5 Review 2024-02-19–03-01;
 * 6 Assessment 2024-05-02–06-11; 7 Service 2024-01-08, open; 8 Service 2023-09-04–2024-02-26;
 * 9, 10, 11 Requests 2024-01-02, 2024-05-02, 2024-05-03.
 * By hand, for 2024-25-Q1 (due by the end of 31 July 2024; the file covers 1 July 2023 to 30 June 2024;
 * P122D before the due date is 1 April 2024, so the cut-off is the earlier, 1 July 2023):
 * - validity: all 11 valid, 100.0.
 * - completeness: 12 required fields × 11 = 132 cells, all filled; gpPracticeCode expected in all 11,
 *   filled in 8 (not in 3, 7, 8); eventOutcome and eventReference apply to the 10 event rows, filled in
 *   8 (not 2, 7) and 3 (1, 5, 6); deliveryMechanism, serviceType, serviceComponent to the 4 services,
 *   all filled; primarySupportReason to the 6 assessments, services and reviews, all filled;
 *   requestRouteOfAccess to the 4 requests; assessmentType to 1; reviewReason and methodOfReview to 1.
 *   Cells 132 + 11 + 10 + 10 + 4×3 + 6 + 4 + 1 + 1 + 1 = 188; filled 132 + 8 + 8 + 3 + 12 + 6 + 4 + 3 =
 *   176: 93.6. The 65 places where a field does not apply (11 conditional fields × 11 rows − 56 where
 *   they apply) are not counted.
 * - uniqueness: the carer row has no event type or start, so no complete key: 10 keyed, no duplicate: 100.0.
 * - consistency: no row breaks a rule: 100.0.
 * - timeliness: 10 rows have an event start (the carer row none, not counted). Row 4 started in 2022 and
 *   ended 20 May 2024, after the cut-off: ongoing, on time. Every other start is on or after 1 July
 *   2023: 10 / 10 = 100.0, 1 of them ongoing.
 * - defaults: gpPracticeCode 8 given, 2 defaults (V81999 row 4, V81997 row 5), 2% of 11 = 0.22
 *   tolerated, excess 1.78: (8 − 1.78) / 8 = 77.75; ethnicity 11 given, 2 "not known" (rows 10, 11), 0%:
 *   9 / 11 = 81.82; primarySupportReason 6 given, none: 100; postcode 11 given, ZZ99 3WZ (row 10) and
 *   zz99 3cz (row 11), 0% (ZZ99 3VZ, no fixed abode, is an answer): 81.82.
 *   Mean (77.75 + 81.82 + 100 + 81.82) / 4 = 85.35 → 85.3; 36 given, 6 defaults, 5.78 → 5.8 in excess.
 * - weighted mean (100×30 + 93.6×20 + 100×15 + 100×15 + 100×10 + 85.3×10) / 100 = 97.25 → 97.3; validity
 *   meets the gate, so the overall is 97.3.
 * - DQMI: gpPracticeCode (8 − 1.78) / 11 = 56.5; ethnicity and postcode 9 / 11 = 81.8; eventReference
 *   3 / 10 = 30.0; eventOutcome 8 / 10 = 80.0; 18 others 100: (1800 + 56.55 + 81.82 × 2 + 30 + 80) / 23 =
 *   92.6.
 */
describe('a CLD quarter checked by hand', () => {
  it('every dimension, count and the overall as worked out by hand', async () => {
    const c = captureIo(dir);
    await main(['validate', 'cld.ndjson', '-s', 'adult-social-care-client-level@2.0.2', '--period', '2024-25-Q1', '--json', '--workers', '0'], c.io);
    const card = (JSON.parse(c.out()) as Rec).scorecard as Rec;
    expect(card).toMatchObject({ validity: 100, status: 'meets-validity-gate', overall: 97.3, weightedMean: 97.3 });
    const d = card.dimensions;
    expect(d.completeness).toMatchObject({ score: 93.6, counts: { filled: 176, cells: 188, fields: 23, notApplicable: 65 } });
    expect(d.uniqueness).toMatchObject({ score: 100, counts: { keyed: 10, duplicates: 0, missingKey: 1 } });
    expect(d.consistency).toMatchObject({ score: 100, counts: { assessed: 11, failed: 0 } });
    expect(d.timeliness).toMatchObject({ score: 100, counts: { assessed: 10, onTime: 10, unassessable: 1, ongoing: 1 } });
    expect(d.timeliness.note).toContain('1 such record;');
    expect(d.defaults).toMatchObject({ score: 85.3, counts: { fields: 4, filled: 36, defaults: 6, defaultsInExcess: 5.8 } });
    expect((d.defaults.fields as Rec[]).map((f) => [f.field, f.score, f.filled, f.defaults])).toEqual([
      ['/gpPracticeCode', 77.8, 8, 2],
      ['/ethnicity', 81.8, 11, 2],
      ['/primarySupportReason', 100, 6, 0],
      ['/postcode', 81.8, 11, 2],
    ]);
    expect(card.dqmi.score).toBe(92.6);
    const items = Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, f.score]));
    expect(items).toMatchObject({ '/gpPracticeCode': 56.5, '/eventReference': 30, '/eventOutcome': 80, '/postcode': 81.8 });
  });

  it('says one ongoing episode in the singular in the CLI table', async () => {
    const c = captureIo(dir);
    await main(['validate', 'cld.ndjson', '-s', 'adult-social-care-client-level@2.0.2', '--period', '2024-25-Q1', '--scorecard', '--workers', '0'], c.io);
    expect(c.out()).toContain('10 of 10 records on time, 1 of them an episode ongoing though started earlier (deadline 122 days');
  });
});
