/**
 * Charset labels as the WHATWG Encoding Standard reads them, and the bytes Windows-1252 has no character
 * for, over HTTP (server.inject) and the web upload: one rule (validation/readers/charset.ts) on every face.
 *
 * - The batch file's CSV (utf-8-or-windows-1252) is read under every label of UTF-8 and of windows-1252
 *   (iso-8859-1, latin1, l1, us-ascii, ascii, cp1252, x-cp1252 …), in any case, quoted or not.
 * - A standard read as UTF-8 only takes us-ascii and ascii too (ASCII is UTF-8); a byte of 0x80 or more
 *   that is not UTF-8 in such a body is then the row's encoding finding, not a 415.
 * - Any other label is a 415 whose problem names the Content-Type header and the charsets read.
 * - A batch file holding 0x81, 0x8D, 0x8F, 0x90 or 0x9D fails as a file: one file-level finding naming the
 *   byte, record and line; InfAck Failure; no BusAck; no record value in the answer or the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { crumbOf, signIn } from '../hostile/web-support.js';
import { assertMatchesContract } from '../support/openapi.js';
import { ASCII_LABELS, UTF8_LABELS, WINDOWS_1252_LABELS } from '../../src/validation/readers/charset.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

const COLUMNS =
  'NHS_NUMBER|PERSON_FORENAME|PERSON_SURNAME|PERSON_DOB|PERSON_GENDER_CODE|PERSON_POSTCODE|DATE_AND_TIME|SITE_CODE|SITE_CODE_TYPE_URI|UNIQUE_ID|UNIQUE_ID_URI|ACTION_FLAG|PERFORMING_PROFESSIONAL_FORENAME|PERFORMING_PROFESSIONAL_SURNAME|RECORDED_DATE|PRIMARY_SOURCE|VACCINATION_PROCEDURE_CODE|VACCINATION_PROCEDURE_TERM|DOSE_SEQUENCE|VACCINE_PRODUCT_CODE|VACCINE_PRODUCT_TERM|VACCINE_MANUFACTURER|BATCH_NUMBER|EXPIRY_DATE|SITE_OF_VACCINATION_CODE|SITE_OF_VACCINATION_TERM|ROUTE_OF_VACCINATION_CODE|ROUTE_OF_VACCINATION_TERM|DOSE_AMOUNT|DOSE_UNIT_CODE|DOSE_UNIT_TERM|INDICATION_CODE|LOCATION_CODE|LOCATION_CODE_TYPE_URI';
const row = (id: string, forename: string, surname: string) =>
  `"9434765919"|"${forename}"|"${surname}"|"19650215"|"2"|"LS1 4AP"|"20240610T18332501"|"B86001"|"https://fhir.nhs.uk/Id/ods-organization-code"|"${id}"|"https://supplier.example/vaccinations"|"NEW"|""|""|"20240610"|"TRUE"|"1362591000000103"|""|"1"|"42985911000001104"|""|""|"MOD-4417"|"20241231"|"368208006"|""|"78421000"|""|"0.5"|"258773002"|""|""|"X99999"|"https://fhir.nhs.uk/Id/ods-organization-code"`;
const NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
/** Text as Windows-1252 bytes: ’ is 0x92, Ë 0xCB; `\x81` and the like stand for themselves. */
const cp1252 = (text: string): Buffer => Buffer.from([...text].map((c) => ({ '’': 0x92 })[c] ?? c.charCodeAt(0)));
/** A Windows-1252 batch file of three rows: O’BRIEN (0x92) decodes to ’; `byte` (if given) is in row 2's surname. */
const batch = (byte?: number) =>
  cp1252(
    `${COLUMNS}\n${row('0001', 'ZOË', 'O’BRIEN')}\n${row('0002', 'PEYTON', `PRICE${byte === undefined ? '' : String.fromCharCode(byte)}SECRET`)}\n${row('0003', 'ANNE', 'SMITH')}\n`,
  );

interface Answer {
  valid: boolean;
  stats: { records: number; valid: number; invalid: number };
  findings: { record: number; line: number; path: string; rule: string; message: string; severity: string }[];
  detail: string;
  type: string;
  errors?: unknown[];
  submission?: { id: string };
}
const answer = (response: { payload: string }) => JSON.parse(response.payload) as Answer;
const send = (url: string, body: Buffer | string, contentType: string) =>
  t.server.inject({ method: 'POST', url, payload: body, headers: { 'content-type': contentType, ...bearer(t.tokens.supplier) } });
const BATCH = (action: 'trial' | 'validate') => `/v1/standards/immunisation-batch/versions/7/${action}?filename=${NAME}`;
const DEMOGRAPHICS = '/v1/standards/patient-demographics/versions/2.0.1/trial';

describe('charset labels, as the WHATWG Encoding Standard reads them', () => {
  it('the label table is the Standard’s: each label names UTF-8 or windows-1252 as the platform’s TextDecoder reads it', () => {
    for (const label of UTF8_LABELS) expect(new TextDecoder(label).encoding, label).toBe('utf-8');
    for (const label of WINDOWS_1252_LABELS) expect(new TextDecoder(label).encoding, label).toBe('windows-1252');
    for (const label of ASCII_LABELS) expect(WINDOWS_1252_LABELS).toContain(label);
    expect(WINDOWS_1252_LABELS).toHaveLength(17);
  });

  it('a batch file is read under every label of windows-1252 and of UTF-8, in any case, quoted or not', async () => {
    const expected = answer(await send(BATCH('trial'), batch(), 'text/csv'));
    expect(expected).toMatchObject({ valid: true, stats: { records: 3, valid: 3, invalid: 0 } });
    expect(expected.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const labels = [...WINDOWS_1252_LABELS, ...UTF8_LABELS];
    const spellings = labels.flatMap((label) => [`charset=${label}`, `charset="${label.toUpperCase()}"`, `CHARSET = ${label} `]);
    for (const parameter of spellings) {
      const response = await send(BATCH('trial'), batch(), `text/csv; ${parameter}`);
      expect(response.statusCode, parameter).toBe(200);
      expect(answer(response).findings, parameter).toEqual(expected.findings);
    }
  });

  it('a UTF-8-only standard reads us-ascii, ascii and ANSI_X3.4-1968 as UTF-8; a byte that is not UTF-8 is then the row’s encoding finding, not a 415', async () => {
    const text = 'localPatientId,nhsNumber\nP1,9434765919\n';
    for (const parameter of ['charset=us-ascii', 'charset="ASCII"', 'charset=ANSI_X3.4-1968', 'charset=Unicode-1-1-UTF-8']) {
      const response = await send(DEMOGRAPHICS, text, `text/csv; ${parameter}`);
      expect(response.statusCode, parameter).toBe(200);
      expect(
        answer(response).findings.filter((f) => f.rule === 'encoding'),
        parameter,
      ).toEqual([]);
    }
    const latin = Buffer.from('localPatientId,nhsNumber\nZo\xebSECRET,9434765919\n', 'latin1');
    const response = await send(DEMOGRAPHICS, latin, 'text/csv; charset=us-ascii');
    expect(response.statusCode).toBe(200);
    expect(answer(response).findings.filter((f) => f.rule === 'encoding')).toEqual([
      { record: 1, line: 2, row: 2, path: '', rule: 'encoding', severity: 'error', message: 'contains bytes that are not valid UTF-8; save the file as UTF-8' },
    ]);
    expect(response.payload).not.toContain('SECRET');
  });

  it('any other label is a 415 naming the Content-Type header and the charsets read', async () => {
    const UTF8_ONLY = (shown: string) =>
      `the charset ${shown} of the Content-Type header is not read: the service reads this body as UTF-8, so the charsets read are utf-8 (or utf8) and us-ascii (or ascii), ASCII being UTF-8; convert the body to UTF-8 and send it with charset=utf-8 or no charset`;
    for (const [url, type, label, detail] of [
      [DEMOGRAPHICS, 'text/csv', 'latin1', UTF8_ONLY('"latin1"')],
      [DEMOGRAPHICS, 'text/csv', 'ISO-8859-1', UTF8_ONLY('"iso-8859-1"')],
      // NDJSON under no name: the batch file's .csv name would say another format (a 400 before the charset).
      [BATCH('trial').split('?')[0]!, 'application/x-ndjson', 'iso-8859-1', UTF8_ONLY('"iso-8859-1"')],
      [
        BATCH('trial'),
        'text/csv',
        'iso-8859-2',
        'the charset "iso-8859-2" of the Content-Type header is not read: this version reads its CSV as UTF-8, or as Windows-1252 as the national pipeline does, so the charsets read are utf-8 (or utf8) and windows-1252 under any of its names (cp1252, x-cp1252, iso-8859-1, latin1, l1, us-ascii, ascii and the other labels the WHATWG Encoding Standard gives it); convert the body to UTF-8 and send it with charset=utf-8 or no charset',
      ],
    ] as const) {
      const response = await send(url, 'x\n', `${type}; charset=${label}`);
      expect(response.statusCode, label).toBe(415);
      assertMatchesContract('POST', url.split('?')[0]!, 415, response.headers['content-type'] as string, answer(response));
      expect(answer(response)).toMatchObject({
        type: 'https://conform.invalid/problems/http-415',
        detail,
        errors: [{ in: 'header', name: 'Content-Type', detail }],
      });
    }
  });
});

describe('a batch file holding a byte Windows-1252 has no character for, over HTTP', () => {
  const FINDING = (byte: string) => ({
    record: 0,
    line: 3,
    path: '',
    rule: 'encoding',
    severity: 'error',
    message: `record 2 (line 3) holds the byte ${byte}, which Windows-1252 has no character for: the national pipeline reads the file as UTF-8, then as Windows-1252 (cp1252), and both fail, so it cannot process the file; Conform reads the byte as U+FFFD. Save the whole file as UTF-8`,
  });

  it('is one file-level finding for each of the five bytes, with or without a windows-1252 label; no record value anywhere', async () => {
    for (const [byte, hex] of [
      [0x81, '0x81'],
      [0x8d, '0x8D'],
      [0x8f, '0x8F'],
      [0x90, '0x90'],
      [0x9d, '0x9D'],
    ] as const) {
      for (const type of ['text/csv', 'text/csv; charset=windows-1252', 'text/csv; charset=latin1']) {
        const before = t.logs().length;
        const response = await send(BATCH('trial'), batch(byte), type);
        expect(response.statusCode, `${hex} ${type}`).toBe(200);
        const report = answer(response);
        assertMatchesContract('POST', BATCH('trial').split('?')[0]!, 200, response.headers['content-type'] as string, report);
        expect(report.valid).toBe(false);
        expect(report.stats).toMatchObject({ records: 3, valid: 3, invalid: 0 });
        expect(report.findings.filter((f) => f.rule === 'encoding')).toEqual([FINDING(hex)]);
        for (const value of ['SECRET', 'PRICE', 'O’BRIEN', 'ZOË', '9434765919', 'LS1 4AP']) {
          expect(response.payload).not.toContain(value);
          expect(t.logs().slice(before)).not.toContain(value);
        }
      }
    }
  });

  it('in the header row, the file cannot be read: a 400 naming the byte and the line, as for an unusable header', async () => {
    const header = Buffer.concat([cp1252(`${COLUMNS.replace('PERSON_FORENAME', 'PERSON_FORENAME\x90')}\n`), cp1252(`${row('0001', 'ZOË', 'SECRET')}\n`)]);
    const response = await send(BATCH('trial'), header, 'text/csv');
    expect(response.statusCode).toBe(400);
    const problem = answer(response);
    expect(problem.detail).toContain(
      'the header row (line 1) holds the byte 0x90, which Windows-1252 has no character for: the national pipeline reads the file as UTF-8, then as Windows-1252 (cp1252), and both fail',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ unreadable: 'encoding' })]);
    expect(response.payload).not.toContain('SECRET');
  });

  it('0x92 still decodes to ’ (the file passes); the same rows in UTF-8 are unaffected', async () => {
    const report = answer(await send(BATCH('trial'), batch(0x92), 'text/csv; charset=cp1252'));
    expect(report).toMatchObject({ valid: true, stats: { records: 3, valid: 3 } });
    expect(report.findings.filter((f) => f.rule === 'encoding')).toEqual([]);
    // UTF-8 whose characters hold the five bytes as continuation bytes (Á is C3 81, Ð is C3 90 …).
    const utf8 = Buffer.from(`${COLUMNS}\n${row('0001', 'ÁLVARO', 'ÐÝÏŌ')}\n`, 'utf8');
    const plain = answer(await send(BATCH('trial'), utf8, 'text/csv; charset=utf-8'));
    expect(plain).toMatchObject({ valid: true, stats: { records: 1, valid: 1 } });
    expect(plain.findings.filter((f) => f.rule === 'encoding')).toEqual([]);
  });

  it('a stored file: InfAck Failure, and busack.csv a 404 saying the pipeline cannot decode it', async () => {
    const posted = await send(BATCH('validate'), batch(0x81), 'text/csv');
    expect(posted.statusCode).toBe(201);
    const id = answer(posted).submission!.id;
    const get = (url: string) => t.server.inject({ method: 'GET', url, headers: bearer(t.tokens.supplier) });
    const infAck = await get(`/v1/submissions/${id}/infack.csv`);
    expect(infAck.statusCode).toBe(200);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Failure\\|Fatal\\|Fatal Error\\|10001\\|`));
    for (const kind of ['busack.csv', 'busack.json']) {
      const busAck = await get(`/v1/submissions/${id}/${kind}`);
      expect(busAck.statusCode, kind).toBe(404);
      expect(answer(busAck).detail, kind).toContain(
        'the file holds a byte that neither UTF-8 nor Windows-1252 reads (its InfAck is a Failure), so the pipeline cannot decode it and Conform writes no BusAck for it',
      );
      expect(busAck.payload).not.toContain('SECRET');
    }
  });
});

describe('the web upload: the file part’s own Content-Type', () => {
  const BOUNDARY = '----conformcharset';
  async function upload(partType: string, file: Buffer, standard = 'immunisation-batch@7') {
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const field = (k: string, v: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(field('crumb', crumbOf(form.payload)) + field('standard', standard) + field('act', 'trial')),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${NAME}"\r\nContent-Type: ${partType}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    return t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });
  }

  it('is judged by the same rule: a windows-1252 label is read, utf-16 is refused on the form naming the part’s header', async () => {
    for (const type of ['text/csv; charset=windows-1252', 'text/csv; charset="ISO-8859-1"', 'text/csv']) {
      const response = await upload(type, batch());
      expect(response.statusCode, type).toBe(303);
      const report = await t.server.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie } });
      expect(report.statusCode, type).toBe(200);
      expect(report.payload, type).toContain('3 records');
    }
    // A byte Windows-1252 has no character for is the same file-level finding on the web.
    const undefinedByte = await upload('text/csv; charset=cp1252', batch(0x9d));
    const page = await t.server.inject({ method: 'GET', url: String(undefinedByte.headers.location), headers: { cookie } });
    expect(page.payload).toContain('record 2 (line 3) holds the byte 0x9D, which Windows-1252 has no character for');
    expect(page.payload).not.toContain('SECRET');
    const refused = await upload('text/csv; charset=utf-16', batch());
    expect(refused.statusCode).toBe(415);
    expect(refused.payload).toContain(
      'the charset &quot;utf-16&quot; of the Content-Type header of the form&#39;s file part is not read: this version reads its CSV as UTF-8',
    );
    const ascii = await upload('text/csv; charset=latin1', Buffer.from('localPatientId,nhsNumber\nP1,9434765919\n'), 'patient-demographics@2.0.1');
    expect(ascii.statusCode).toBe(415);
    expect(ascii.payload).toContain('the charset &quot;latin1&quot; of the Content-Type header of the form&#39;s file part is not read');
    expect(
      (await upload('text/csv; charset=us-ascii', Buffer.from('localPatientId,nhsNumber\nP1,9434765919\n'), 'patient-demographics@2.0.1')).statusCode,
    ).toBe(303);
  });
});
