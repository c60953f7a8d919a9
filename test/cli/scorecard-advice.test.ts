/**
 * What `conform validate --scorecard` tells a busy analyst who got the run slightly wrong: a historical
 * file validated without --period (timeliness 0, and the option that fixes it), and a CSV whose record
 * key column is misspelt (which key field no record has, by name, never a value).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

let dir: string;
const HEADER = 'localPatientId,nhsNumber,givenName,familyName,dateOfBirth,personStatedGender,address.postcode,lastUpdated';
const ROW = 'RH8-0012345,9434765919,Amira,Hussain,1984-07-12,2,LS1 4AP,2025-03-04T09:30:00Z';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-advice-'));
  await writeFile(join(dir, 'march.csv'), `${HEADER}\n${ROW}\n`);
  await writeFile(join(dir, 'misspelt.csv'), `${HEADER.replace('localPatientId', 'localPatientID')}\n${ROW}\n`);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const timelinessRow = (out: string): string => out.split('\n').find((line) => /^ {2}timeliness /.test(line)) ?? '';

describe('conform validate --scorecard advice', () => {
  it('tells how to give the period when a historical file scores 0 against the time of validation', async () => {
    const c = captureIo(dir);
    expect(await main(['validate', 'march.csv', '--standard', 'patient-demographics@2.0.3', '--scorecard'], c.io)).toBe(0);
    expect(timelinessRow(c.out())).toMatch(
      /^ {2}timeliness +0\.0 +10 +0 of 1 record on time \(deadline 30 days, against the time of validation: no period was given; give the reporting period the file is for \(e\.g\. 2026-11 or 2026-04-01\/2026-06-30\) with conform validate --period <period>\)$/,
    );
    // Following the advice, the same file scores on its merits.
    const given = captureIo(dir);
    await main(['validate', 'march.csv', '--standard', 'patient-demographics@2.0.3', '--scorecard', '--period', '2025-03'], given.io);
    expect(timelinessRow(given.out())).toMatch(/^ {2}timeliness +100\.0 +10 +1 of 1 record on time \(deadline 30 days, against period 2025-03/);
  });

  it('names the record key field no record has when its column is misspelt, never a value', async () => {
    const c = captureIo(dir);
    await main(['validate', 'misspelt.csv', '--standard', 'patient-demographics@2.0.3', '--scorecard'], c.io);
    const out = c.out();
    expect(out).toMatch(
      /^ {2}uniqueness +n\/a +- +not measured: no record has a complete key: no record has a value in "localPatientId" \(the record key\); check that the file has this field, spelt as the standard spells it \(in a CSV, a column of that name in the header\)$/m,
    );
    expect(out).not.toContain('RH8-0012345');
  });
});
