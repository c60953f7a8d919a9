/**
 * The supplier's path to a correct submission (issue 14), walked in the browser: the wrong standard is
 * named, a trial run lands on its own short-lived address and leaves no trace, a submission for a period lands on its own address and in the lists
 * and dashboard, a withdrawal takes it out of the trend, header mistakes are one finding each, a semicolon
 * file is named as such, duplicates list their records, and the findings download as CSV.
 *
 * Stories that look at lists use their own organisation, so what they see is theirs alone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { allTableRows, checkPage, describeBrowser, h1, signIn, summaryValue, useTempDir, validateFile } from './support.js';

const ECDS = 'emergency-care-attendance@3.0.0';
const sample = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
const [header, ...rows] = sample.split(/\r?\n/).filter((line) => line !== '') as [string, ...string[]];
const csv = (head: string, body: readonly string[]) => [head, ...body].join('\n') + '\n';
// Values of the first record, which no page may show.
const FIRST_ID = 'RH8A0000001';
const FIRST_NHS_NUMBER = '9434765919';

/** The text of the main content, whitespace collapsed. */
const mainText = async (page: Page) => (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');

/** The findings table of a CSV report as rows of cells (Field, Rule, Severity, Count, First records, Spreadsheet rows, Lines in the file, Message). */
const findingRows = async (page: Page) => (await allTableRows(page)).map((r) => r.split(' | ')).filter((cells) => cells.length === 8);

describeBrowser("the supplier's path to a correct submission (browser)", (h) => {
  const files = useTempDir();
  const tokens: Record<string, string> = {};
  let submissionId = '';

  beforeAll(async () => {
    for (const org of ['RX101', 'RX202', 'RX303']) tokens[org] = await h.supplierToken(org, `e2e supplier ${org}`);
  });

  it('a supplier who picks the wrong standard for a trial is told which standard the columns match, with a link', async () => {
    const page = await h.newPage();
    await signIn(page, tokens.RX101!);
    const values = await page
      .getByLabel('Standard', { exact: true })
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    const adultSocialCare = values.find((v) => v.startsWith('adult-social-care-client-level@'));
    expect(adultSocialCare, `an adult social care standard to choose (${values.join(', ')})`).toBeDefined();
    await validateFile(page, adultSocialCare!, await files.write('attendances.csv', sample), 'trial');

    expect(await mainText(page)).toContain('Trial run — not stored.');
    expect(await page.getByRole('heading', { name: 'Another standard fits these columns better' }).count()).toBe(1);
    const text = await mainText(page);
    expect(text).toMatch(/Your columns match Emergency care attendance 3\.1\.0: 18 of 18\. You chose Adult social care[^(]*\(\d+ of 18\)\./);
    const link = page.getByRole('link', { name: 'Emergency care attendance 3.1.0', exact: true });
    expect(await link.getAttribute('href')).toBe('/standards/emergency-care-attendance/3.1.0');
    await checkPage(page, 'supplier-wrong-standard');

    await link.click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance/3.1.0');
    expect(await h1(page)).toContain('Emergency care attendance');
  });

  it('a trial run lands on its own address for a while, and leaves no trace: /submissions shows no new row', async () => {
    const page = await h.newPage();
    await signIn(page, tokens.RX202!);
    await page.goto('/submissions');
    expect(await h1(page)).toBe('Submissions');
    expect(await mainText(page)).toContain('No submissions.');

    await page.goto('/validate');
    await validateFile(page, ECDS, await files.write('trial-only.csv', sample), 'trial');
    // The trial's report has its own address for a while, and says so.
    await page.waitForURL((url) => /^\/trials\/[0-9a-f-]{36}$/.test(url.pathname));
    const trial = new URL(page.url()).pathname;
    const text0 = await mainText(page);
    expect(text0).toContain('Trial run — not stored.');
    expect(text0).toMatch(/This report is kept on this server for 60 minutes, until .+, for your organisation only; then it is gone\./);
    expect(text0).toContain('to submit it, upload the file again and choose Submit.');
    expect(text0).toContain('emergency-care-attendance 3.0.0: trial-only.csv');
    expect(await page.getByRole('heading', { name: 'Withdraw this submission' }).count(), 'nothing to withdraw').toBe(0);
    const link = page.getByRole('link', { name: 'Download the findings as CSV' });
    expect(await link.getAttribute('href')).toBe(`${trial}/findings.csv`);
    const fetched = await page.evaluate(async (url) => (await fetch(url)).text(), `${trial}/findings.csv`);
    expect(fetched.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(fetched).not.toContain(FIRST_NHS_NUMBER);
    // A refresh shows the same report.
    await page.reload();
    expect(await mainText(page)).toContain('trial-only.csv');
    await checkPage(page, 'supplier-trial');

    // Another organisation cannot see it: a page that says what happened, and leads back to /validate.
    const other = await h.newPage();
    await signIn(other, tokens.RX101!);
    const response = await other.goto(trial);
    expect(response?.status()).toBe(404);
    expect(await h1(other)).toBe('This trial report is no longer here');
    expect(await mainText(other)).not.toContain('trial-only.csv');
    expect(await other.getByRole('main').getByRole('link', { name: 'Validate a file', exact: true }).getAttribute('href')).toBe('/validate');
    await checkPage(other, 'supplier-trial-gone');

    await page.goto('/submissions');
    const text = await mainText(page);
    expect(text).toContain('No submissions.');
    expect(text).not.toContain('trial-only.csv');
    expect(await page.getByRole('main').getByRole('table').count()).toBe(0);
  });

  it('a submission for a reporting period lands on its own address, and appears in /submissions and on the dashboard', async () => {
    const page = await h.newPage();
    await signIn(page, tokens.RX303!);
    await page.getByLabel('Reporting period (optional)', { exact: true }).fill('2024-07');
    await validateFile(page, ECDS, await files.write('ecds-2024-07.csv', sample), 'submit');
    await page.waitForURL((url) => /^\/submissions\/[0-9a-f-]{36}$/.test(url.pathname));
    submissionId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await mainText(page)).not.toContain('Trial run — not stored.');
    expect(await summaryValue(page, 'File')).toBe('ecds-2024-07.csv');
    expect(await summaryValue(page, 'Submitted by')).toBe('e2e supplier RX303, RX303');
    expect(await summaryValue(page, 'Reporting period')).toMatch(/^2024-07: /);
    await checkPage(page, 'supplier-submission');

    await page.goto('/submissions');
    const listed = page.getByRole('main').locator('tbody tr');
    expect(await listed.count(), 'one submission listed').toBe(1);
    const cells = (await listed.first().innerText()).replace(/\s+/g, ' ');
    expect(cells).toContain('ecds-2024-07.csv');
    expect(cells).toContain('2024-07');
    expect(cells).toContain('Emergency care attendance 3.0.0');
    expect(await listed.first().getByRole('link').getAttribute('href')).toBe(`/submissions/${submissionId}`);

    await page.goto('/quality?standard=emergency-care-attendance');
    expect(await h1(page)).toMatch(/^Data quality/);
    const table = page.getByRole('table', { name: 'Submissions of RX303' });
    const row = table.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').first().innerText()).toBe('2024-07');
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/submissions/${submissionId}`);
    const trend = await page.getByRole('img', { name: /^Overall score of RX303/ }).getAttribute('aria-label');
    expect(trend, 'the trend is dated by the reporting period').toContain('2024-07');
    await checkPage(page, 'supplier-dashboard');
  });

  it('a withdrawn submission leaves the dashboard, and its report says it was withdrawn', async () => {
    expect(submissionId, 'the submission of the story before').not.toBe('');
    const page = await h.newPage();
    await signIn(page, tokens.RX303!);
    await page.goto(`/submissions/${submissionId}`);
    await page.getByLabel('Reason for withdrawing', { exact: true }).fill('sent for the wrong period');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/submissions/${submissionId}` && url.hash === '#withdrawn');
    expect(await h1(page)).toBe('Validation report');
    const notice = (await page.locator('#withdrawn').innerText()).replace(/\s+/g, ' ');
    expect(notice).toMatch(
      /^Withdrawn Withdrawn on .+ by [^“]*e2e supplier RX303[^“]*: “sent for the wrong period”\. It no longer counts in data quality trends\.$/,
    );
    expect(await page.getByRole('button', { name: 'Withdraw', exact: true }).count(), 'no second withdrawal').toBe(0);
    await checkPage(page, 'supplier-withdrawn');

    await page.goto('/quality?standard=emergency-care-attendance');
    expect(await mainText(page)).toContain('No scored submissions of');
    expect(await page.getByRole('img', { name: /RX303/ }).count(), 'no trend').toBe(0);
    expect(await page.getByRole('table', { name: 'Submissions of RX303' }).count(), 'no table').toBe(0);
    expect(await page.locator(`a[href="/submissions/${submissionId}"]`).count()).toBe(0);
  });

  it('a renamed column is one header finding with "did you mean", not one per row', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    const renamed = header.split(',').map((c) => (c === 'nhsNumber' ? 'nhs_number' : c));
    expect(renamed).toContain('nhs_number');
    await validateFile(page, ECDS, await files.write('renamed.csv', csv(renamed.join(','), rows)), 'trial');
    const findings = await findingRows(page);
    const aboutIt = findings.filter((cells) => cells.some((c) => /nhs_?number/i.test(c)));
    expect(aboutIt, `findings about the NHS number column:\n${findings.map((c) => c.join(' | ')).join('\n')}`).toHaveLength(1);
    const [field, rule, severity, count, , , , message] = aboutIt[0]!;
    expect([field, rule, severity, count]).toEqual(['(record)', 'misspelt-column', 'Error', '1']);
    expect(message).toBe(`column ${renamed.indexOf('nhs_number') + 1} "nhs_number" is not a field of this standard; did you mean "nhsNumber"?`);
    expect(await mainText(page)).not.toContain(FIRST_NHS_NUMBER);
  });

  it('a semicolon-delimited file is refused with a message naming the semicolons', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    const path = await files.write(
      'semicolons.csv',
      csv(
        header.replaceAll(',', ';'),
        rows.map((r) => r.replaceAll(',', ';')),
      ),
    );
    await page.getByLabel('Standard', { exact: true }).selectOption(ECDS);
    await page.getByLabel('Trial run — not stored', { exact: true }).check();
    await page.getByLabel('Data file', { exact: true }).setInputFiles(path);
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await h1(page)).toBe('Validate a file');
    const problem = (await summary.innerText()).replace(/\s+/g, ' ');
    expect(problem).toMatch(/the file seems to separate its columns with semicolons \(;\), but this standard's CSV uses commas \(,\)/i);
    expect(await page.getByLabel('Standard', { exact: true }).inputValue(), 'the choice is kept').toBe(ECDS);
    await checkPage(page, 'supplier-semicolons');
  });

  it('three identical records: the report lists the duplicate records by number, never their values', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    await validateFile(page, ECDS, await files.write('duplicates.csv', csv(header, [rows[0]!, rows[0]!, rows[0]!])), 'trial');
    expect(await summaryValue(page, 'Records')).toBe('3');
    const duplicates = (await findingRows(page)).filter((cells) => cells[1] === 'duplicate-key');
    expect(duplicates).toEqual([
      [
        '(record)',
        'duplicate-key',
        'Warning',
        '2',
        '2, 3',
        '3, 4',
        '3, 4',
        'has the same record key (providerOdsCode, attendanceId) as record 1 (line 2, row 2); records with this key: 1, 2, 3 (3 records)',
      ],
    ]);
    const text = await mainText(page);
    expect(text).not.toContain(FIRST_ID);
    expect(text).not.toContain(FIRST_NHS_NUMBER);
  });

  it('a stored report offers its findings as a CSV download, which fetches with the session', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    // Records outside July 2024 are findings of the period rule, so the report has findings to download.
    await page.getByLabel('Reporting period (optional)', { exact: true }).fill('2024-07');
    await validateFile(page, ECDS, await files.write('ecds-findings.csv', sample), 'submit');
    await page.waitForURL((url) => /^\/submissions\/[0-9a-f-]{36}$/.test(url.pathname));
    const id = new URL(page.url()).pathname.split('/')[2]!;
    const link = page.getByRole('link', { name: 'Download the findings as CSV' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/submissions/${id}/findings.csv`);
    expect(await link.getAttribute('download')).toBe(`findings-${id}.csv`);
    const fetched = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    }, href!);
    expect(fetched.status).toBe(200);
    expect(fetched.type).toBe('text/csv; charset=utf-8');
    const lines = fetched.body.trim().split('\n');
    expect(lines[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(lines.length, 'a line for each finding').toBeGreaterThan(1);
    expect(fetched.body).not.toContain(FIRST_ID);
    expect(fetched.body).not.toContain(FIRST_NHS_NUMBER);
  });
});
