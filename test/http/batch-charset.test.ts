/**
 * A batch file declared `charset=windows-1252` (or `cp1252`) over HTTP. The national pipeline reads a file
 * as UTF-8 and retries it as Windows-1252; a version whose CSV dialect declares that fallback reads such a
 * declared body the same way and validates it, where any other standard, or another format, still answers
 * the charset 415 (validation/readers/charset.ts, the one rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const COLUMNS =
  'NHS_NUMBER|PERSON_FORENAME|PERSON_SURNAME|PERSON_DOB|PERSON_GENDER_CODE|PERSON_POSTCODE|DATE_AND_TIME|SITE_CODE|SITE_CODE_TYPE_URI|UNIQUE_ID|UNIQUE_ID_URI|ACTION_FLAG|PERFORMING_PROFESSIONAL_FORENAME|PERFORMING_PROFESSIONAL_SURNAME|RECORDED_DATE|PRIMARY_SOURCE|VACCINATION_PROCEDURE_CODE|VACCINATION_PROCEDURE_TERM|DOSE_SEQUENCE|VACCINE_PRODUCT_CODE|VACCINE_PRODUCT_TERM|VACCINE_MANUFACTURER|BATCH_NUMBER|EXPIRY_DATE|SITE_OF_VACCINATION_CODE|SITE_OF_VACCINATION_TERM|ROUTE_OF_VACCINATION_CODE|ROUTE_OF_VACCINATION_TERM|DOSE_AMOUNT|DOSE_UNIT_CODE|DOSE_UNIT_TERM|INDICATION_CODE|LOCATION_CODE|LOCATION_CODE_TYPE_URI';
const row = (id: string, forename: string, surname: string, flag = 'NEW') =>
  `"9434765919"|"${forename}"|"${surname}"|"19650215"|"2"|"LS1 4AP"|"20240610T18332501"|"B86001"|"https://fhir.nhs.uk/Id/ods-organization-code"|"${id}"|"https://supplier.example/vaccinations"|"${flag}"|""|""|"20240610"|"TRUE"|"1362591000000103"|""|"1"|"42985911000001104"|""|""|"MOD-4417"|"20241231"|"368208006"|""|"78421000"|""|"0.5"|"258773002"|""|""|"X99999"|"https://fhir.nhs.uk/Id/ods-organization-code"`;
const NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
/** Accented names, one with Š (0x8A), a letter Windows-1252 has where ISO-8859-1 has a control character. */
const TEXT = `${COLUMNS}\n${row('0001', 'ZOË', 'NÚÑEZ')}\n${row('0002', 'ŠTĚPÁN'.replace('Ě', 'E'), 'DVOŘÁK'.replace('Ř', 'R'))}\n${row('0002', 'ANNE', 'LEBŒUF')}\n`;
const cp1252 = (text: string): Buffer => {
  const table: Record<string, number> = { Š: 0x8a, Œ: 0x8c };
  return Buffer.from([...text].map((c) => table[c] ?? c.charCodeAt(0)));
};

/** A trial run of the body under the batch file's name (for NDJSON, the name with .ndjson: a name must not say another format). */
const trial = (body: Buffer | string, contentType: string, version = '7', standard = 'immunisation-batch') =>
  t.call({
    method: 'POST',
    url: `/v1/standards/${standard}/versions/${version}/trial?filename=${contentType.startsWith('application/x-ndjson') ? NAME.replace(/\.csv$/, '.ndjson') : NAME}`,
    payload: body,
    headers: { 'content-type': contentType, ...bearer(t.tokens.supplier) },
  });

interface Answer {
  valid: boolean;
  stats: { records: number; valid: number; invalid: number };
  findings: { record: number; path: string; rule: string; message: string; severity: string }[];
  detail: string;
  type: string;
}
const answer = (response: { payload: string }) => JSON.parse(response.payload) as Answer;

describe('a batch file declared charset=windows-1252', () => {
  it('is read as Windows-1252 and validated: the same verdicts as the file in UTF-8, no encoding finding', async () => {
    const utf8 = answer(await trial(TEXT, 'text/csv; charset=utf-8'));
    expect(utf8).toMatchObject({ valid: false, stats: { records: 3, valid: 2, invalid: 1 } });
    // Row 3 repeats row 2's identifier (a duplicate NEW): the verdict of the rows, not of their letters.
    expect(utf8.findings.map((f) => [f.record, f.path, f.rule, f.severity])).toEqual([
      [3, '/UNIQUE_ID', 'duplicate-identifier', 'error'],
      [3, '', 'duplicate-key', 'warning'],
    ]);
    for (const type of ['text/csv; charset=windows-1252', 'text/csv; charset="Windows-1252"', 'text/csv; charset=cp1252', 'text/csv; CHARSET=CP1252']) {
      const response = await trial(cp1252(TEXT), type);
      expect(response.statusCode, type).toBe(200);
      const report = answer(response);
      expect(report.stats, type).toEqual(expect.objectContaining({ records: 3, valid: 2, invalid: 1 }));
      expect(report.findings, type).toEqual(utf8.findings);
      expect(report.findings.some((f) => f.rule === 'encoding')).toBe(false);
    }
    // Sent without a charset, the pipeline's retry reads it the same way.
    expect(answer(await trial(cp1252(TEXT), 'text/csv')).findings).toEqual(utf8.findings);
  });

  it('decodes its letters as Windows-1252 (a header name is shown back: Š, Œ and É, not replacement characters)', async () => {
    const text = `${COLUMNS}|PRÉNOM_ŠŒ\n${row('0001', 'ZOË', 'NÚÑEZ')}|x\n`;
    const report = answer(await trial(cp1252(text), 'text/csv; charset=windows-1252'));
    expect(report.findings.find((f) => f.rule === 'unknown-column')!.message).toBe('column 35 "PRÉNOM_ŠŒ" is not a field of this standard');
    expect(JSON.stringify(report)).not.toContain('\uFFFD');
  });

  it('keeps the 415 for a charset that is not Windows-1252, another format, and a standard whose dialect reads UTF-8 only', async () => {
    const utf16 = await trial(cp1252(TEXT), 'text/csv; charset=utf-16');
    expect(utf16.statusCode).toBe(415);
    expect(answer(utf16)).toMatchObject({
      type: 'https://conform.invalid/problems/http-415',
      detail:
        'the charset "utf-16" of the Content-Type header is not read: this version reads its CSV as UTF-8, or as Windows-1252 as the national pipeline does, so the charsets read are utf-8 (or utf8) and windows-1252 under any of its names (cp1252, x-cp1252, iso-8859-1, latin1, l1, us-ascii, ascii and the other labels the WHATWG Encoding Standard gives it); convert the body to UTF-8 and send it with charset=utf-8 or no charset',
    });
    const UTF8_ONLY =
      'the charset "windows-1252" of the Content-Type header is not read: the service reads this body as UTF-8, so the charsets read are utf-8 (or utf8) and us-ascii (or ascii), ASCII being UTF-8; convert the body to UTF-8 and send it with charset=utf-8 or no charset';
    const ndjson = await trial(`${JSON.stringify({ UNIQUE_ID: '1' })}\n`, 'application/x-ndjson; charset=windows-1252');
    expect(ndjson.statusCode).toBe(415);
    expect(answer(ndjson)).toMatchObject({ type: 'https://conform.invalid/problems/http-415', detail: UTF8_ONLY });
    const other = await trial('localPatientId\nZo\xeb\n', 'text/csv; charset=windows-1252', '2.0.1', 'patient-demographics');
    expect(other.statusCode).toBe(415);
    expect(answer(other)).toMatchObject({ type: 'https://conform.invalid/problems/http-415', detail: UTF8_ONLY });
  });
});

describe('a UTF-8 batch file holding the character U+FFFD (bytes EF BF BD)', () => {
  it('is read as UTF-8, header and rows: no encoding finding, the same verdicts as with another letter there', async () => {
    const text = (c: string) => `${COLUMNS}|NOTE_${c}\n${row('0001', `ZO${c}`, 'NÚÑEZ')}|x\n${row('0002', 'ANNE', `LEB${c}UF`)}|${c}\n`;
    const withE = answer(await trial(text('É'), 'text/csv; charset=utf-8'));
    for (const type of ['text/csv; charset=utf-8', 'text/csv']) {
      const response = await trial(Buffer.from(text('\uFFFD'), 'utf8'), type);
      expect(response.statusCode, type).toBe(200);
      const report = answer(response);
      expect(
        report.findings.some((f) => f.rule === 'encoding'),
        type,
      ).toBe(false);
      expect(report.stats, type).toEqual(expect.objectContaining({ records: 2, valid: 2, invalid: 0 }));
      expect(
        report.findings.map((f) => [f.record, f.path, f.rule, f.severity]),
        type,
      ).toEqual(withE.findings.map((f) => [f.record, f.path, f.rule, f.severity]));
      expect(report.findings.map((f) => f.rule)).toEqual(['header-order', 'unknown-column']);
    }
  });

  it('still refuses a header holding a byte Windows-1252 has no character for, beside a real U+FFFD, with the same message', async () => {
    const bytes = Buffer.concat([Buffer.from(`${COLUMNS}|NOTE_\uFFFD`, 'utf8'), Buffer.from([0x81]), Buffer.from(`\n${row('0001', 'ZOE', 'NUNEZ')}|x\n`)]);
    const response = await trial(bytes, 'text/csv');
    expect(response.statusCode).toBe(400);
    expect(answer(response).detail).toBe(
      'the submission cannot be read: the header row (line 1) holds the byte 0x81, which Windows-1252 has no character for: the national pipeline reads the file as UTF-8, then as Windows-1252 (cp1252), and both fail, so it cannot process the file; Conform reads the byte as U+FFFD. Save the whole file as UTF-8',
    );
  });
});
