/**
 * The words behind the uniqueness figure of a file whose rows act on records (the immunisation batch
 * file's ACTION_FLAG): only the rows that create a record are keyed, as an UPDATE or a DELETE carries its
 * record's key again by design. Until December 2026 a file of 5 rows, every one with its identifier,
 * read "0 duplicate keys among 3 keyed records" with no note, leaving an analyst to wonder what became of
 * the other 2 (no key missing, none unreadable). By hand: rows 1, 2 and 5 create (3 keyed, no duplicate:
 * 100.0), row 3 updates row 1's record and row 4 deletes row 2's: 2 rows not counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { base, batchCsv, deleteRow } from '../support/immunisation-batch-rows.js';

type Rec = Record<string, any>;

const FILE_NAME = 'COVID_Vaccinations_v5_B86001_20261112T09000000.csv';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-uniq-'));
  await writeFile(join(dir, FILE_NAME), batchCsv([base(1), base(2), { ...base(1), ACTION_FLAG: 'UPDATE' }, deleteRow('COVID-0002'), base(5)]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uniqueness of a file whose rows act on records', () => {
  it('says how many rows do not create a record and are not counted, in the note and the words', async () => {
    const c = captureIo(dir);
    await main(['validate', FILE_NAME, '-s', 'immunisation-batch', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    expect(report.stats).toMatchObject({ records: 5, valid: 5 });
    const u = report.scorecard.dimensions.uniqueness;
    expect(u).toMatchObject({ score: 100, counts: { keyed: 3, duplicates: 0, missingKey: 0 } });
    expect(u.note).toBe(
      "2 rows do not create a record (an update or a delete carries its record's key again by design; only the keys of rows that create one are judged) and are not counted",
    );
    const t = captureIo(dir);
    await main(['validate', FILE_NAME, '-s', 'immunisation-batch', '--scorecard', '--workers', '0'], t.io);
    expect(t.out()).toMatch(/ {2}uniqueness +100\.0 +15 {2}0 duplicate keys among 3 keyed records; 2 rows that do not create a record are not counted\n/);
  });

  it('says nothing of them for a standard that keys every record', async () => {
    const c = captureIo(dir);
    await writeFile(join(dir, 'people.ndjson'), '{"localPatientId":"A"}\n{"localPatientId":"B"}\n');
    await main(['validate', 'people.ndjson', '-s', 'patient-demographics', '--json', '--workers', '0'], c.io);
    const u = (JSON.parse(c.out()) as Rec).scorecard.dimensions.uniqueness;
    expect(u).toMatchObject({ counts: { keyed: 2, missingKey: 0 } });
    expect(u.note).toBeUndefined();
  });
});
