/**
 * The report page's first words say what fails the file. A batch file whose one record passes but whose
 * header is in lower case read "Not valid: 0 of 1 records do not meet the standard", with the header's
 * error at the foot of the page and nothing saying it was the reason; a valid file's warnings sat in the
 * findings table with nothing telling them from errors.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';

let t: TestApp;
let cookie: string;
let sample: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
  sample = await readFile(new URL('../fixtures/COVID_Vaccinations_v5_B86001_20240612T12000001.csv', import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

/** A trial run on the upload form; answers the report page's HTML. */
async function trial(name: string, text: string, standard: string, period = ''): Promise<string> {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', standard],
    ['period', period],
    ['act', 'trial'],
  ];
  const posted = await t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat(multipartParts(fields, { name, chunk: Buffer.from(text), repeat: 1 })),
  });
  expect(posted.statusCode, posted.payload.slice(0, 300)).toBe(303);
  const page = await t.server.inject({ method: 'GET', url: String(posted.headers.location), headers: { cookie } });
  expect(page.statusCode).toBe(200);
  return page.payload;
}

/** The verdict box's text, tags and spaces folded. */
const verdict = (html: string): string =>
  /<div class="[^"]*" id="verdict">([^]*?)<\/div>/
    .exec(html)![1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the report page says first what fails the file', () => {
  it('a header in lower case over records that pass: the file itself has the error, and it is the reason', async () => {
    const [header, ...rest] = sample.split('\n');
    // The fixture's one valid row only (row 2 of the fixture is NEW and complete).
    const html = await trial(
      'COVID_Vaccinations_v5_B86001_20240612T12000001.csv',
      [header!.toLowerCase(), rest[0]].join('\n') + '\n',
      'immunisation-batch@10.2.0',
    );
    const words = verdict(html);
    expect(words).toContain('The file itself has 1 error (its header row), so the file is not valid though its record meets the standard: fix that first.');
    expect(words).toContain('1 error to fix.');
    expect(words).not.toContain('0 of 1 records do not meet the standard');
    // The table says which finding is an error.
    expect(html).toMatch(/header-order<\/td><td[^>]*><span[^>]*>Severity <\/span><strong class="nhsuk-tag nhsuk-tag--red">Error<\/strong>/);
  });

  it('a header and no rows: the file itself has the error, and no record is said to pass', async () => {
    const [header] = sample.split('\n');
    const words = verdict(await trial('COVID_Vaccinations_v5_B86001_20240612T12000001.csv', `${header}\n`, 'immunisation-batch@10.2.0'));
    expect(words).toContain('The file itself has 1 error (it is empty), so the file is not valid: fix that first.');
    expect(words).not.toContain('meets the standard');
  });

  it('a valid file with a warning: valid, and the warning is told apart from an error', async () => {
    // A reporting period the row's own period end is not in: a warning, the file still valid.
    const row =
      'E08000035,2023-07-01,2024-06-30,9434765919,LDS-000184223,B86001,Female,"White: English, Welsh, Scottish, Northern Irish or British",1938-03-09,,Service User,,LS6 2AA,Owner occupier or shared ownership scheme,Yes,Request,REQ-2024-04-0019,2024-04-03,2024-04-03,"Progress to assessment, review or reassessment",,,Discharge from hospital,,,,,';
    const head =
      'laCode,reportingPeriodStartDate,reportingPeriodEndDate,nhsNumber,laPersonUniqueIdentifier,gpPracticeCode,gender,ethnicity,dateOfBirth,dateOfDeath,clientType,primarySupportReason,postcode,accommodationStatus,hasUnpaidCarer,eventType,eventReference,eventStartDate,eventEndDate,eventOutcome,serviceType,deliveryMechanism,requestRouteOfAccess,assessmentType,reviewReason,methodOfReview,serviceComponent,providerCqcLocationId';
    const html = await trial('asc.csv', `${head}\n${row}\n`, 'adult-social-care-client-level@2.0.2', '2026-Q3');
    expect(verdict(html)).toBe('Valid: every record meets the standard. 1 warning to check below: warnings do not make the file invalid.');
    expect(html).toMatch(
      /reporting-period-end-in-submission-period<\/td><td[^>]*><span[^>]*>Severity <\/span><strong class="nhsuk-tag nhsuk-tag--yellow">Warning<\/strong>/,
    );
    expect(html).toContain('A <strong>warning</strong> is worth checking but does not make the file invalid.');
  });
  it('counts agree with their nouns: one failing record of two is "1 of 2 records does not", one error "1 error"', async () => {
    const [header, valid, invalid] = sample.split('\n');
    // Row 2 of the fixture is valid; row 3 lacks its surname (and more), so it fails.
    const html = await trial('COVID_Vaccinations_v5_B86001_20240612T12000001.csv', [header, valid, invalid].join('\n') + '\n', 'immunisation-batch@10.2.0');
    const words = verdict(html);
    expect(words).toContain('1 of 2 records does not meet the standard.');
    expect(words).not.toContain('records do not');
    // One record alone: "1 of 1 record does not".
    const one = verdict(await trial('COVID_Vaccinations_v5_B86001_20240612T12000001.csv', [header, invalid].join('\n') + '\n', 'immunisation-batch@10.2.0'));
    expect(one).toMatch(/^Not valid 1 of 1 record does not meet the standard\. \d+ errors? to fix/);
  });
});
