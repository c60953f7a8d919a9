/** Signing in, and a supplier validating NDJSON and CSV files: the report, its scorecard and findings. */
import { expect, it } from 'vitest';
import { checkPage, describeBrowser, h1, readReport, records, signIn, signOut, summaryValue, toCsv, toNdjson, useTempDir, validateFile } from './support.js';

describeBrowser('signing in and validating files (browser)', (h) => {
  const files = useTempDir();

  it('signed out, /validate leads to the sign-in page; a wrong token is refused with an error summary', async () => {
    const page = await h.newPage();
    await page.goto('/validate');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await h1(page)).toBe('Sign in');
    const crumb = page.locator('form input[type="hidden"][name="crumb"]');
    expect(await crumb.count(), 'the form carries a CSRF field "crumb"').toBeGreaterThan(0);
    expect(await crumb.first().inputValue()).not.toBe('');
    await checkPage(page, 'sign-in');

    await page.getByLabel('Token', { exact: true }).fill('cfm_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.first().waitFor();
    expect(await alert.getByRole('heading', { name: 'There is a problem' }).count()).toBe(1);
    expect(await h1(page)).toBe('Sign in');
    expect(await page.getByLabel('Token', { exact: true }).inputValue(), 'the wrong token is not shown back').toBe('');
    expect(
      (await page.context().cookies()).filter((c) => /session/i.test(c.name)),
      'no session',
    ).toEqual([]);
    await checkPage(page, 'sign-in-error');
  });

  it('a good token leads to the validate page with an HttpOnly session cookie; signing out ends it', async () => {
    const page = await h.newPage();
    const before = new Set((await page.context().cookies()).map((c) => c.name));
    await signIn(page, h.app.tokens.supplier);
    const cookies = await page.context().cookies();
    const added = cookies.filter((c) => !before.has(c.name) && !/crumb/i.test(c.name));
    expect(added.length, 'a session cookie was set').toBeGreaterThan(0);
    for (const c of cookies) expect(c.httpOnly, `cookie ${c.name} is HttpOnly`).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie), 'scripts cannot read the cookies').toBe('');

    expect(await h1(page)).toBe('Validate a file');
    const standards = await page
      .getByLabel('Standard', { exact: true })
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(standards).toContain('emergency-care-attendance@2.0.0');
    expect(await page.getByLabel('Data file', { exact: true }).getAttribute('type')).toBe('file');
    expect(await page.getByRole('button', { name: 'Validate', exact: true }).count()).toBe(1);
    expect(await page.locator('form input[type="hidden"][name="crumb"]').count()).toBeGreaterThan(0);
    await checkPage(page, 'validate');

    await signOut(page);
    await page.goto('/validate');
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('a supplier uploads an NDJSON file and lands on the stored report, which a refresh keeps', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    const path = await files.write('attendances.ndjson', toNdjson(records()));
    await validateFile(page, 'emergency-care-attendance@2.0.0', path);
    await page.waitForURL((url) => /^\/submissions\/[0-9a-f-]{36}$/.test(url.pathname));
    await readReport(page, 'NDJSON');
    expect(await summaryValue(page, 'File')).toBe('attendances.ndjson');
    expect(await summaryValue(page, 'Submitted by')).toBe('test supplier, 8KR01');
    await checkPage(page, 'report-ndjson');

    const address = page.url();
    await page.reload();
    expect(page.url()).toBe(address);
    await readReport(page, 'NDJSON');
    await checkPage(page, 'submission');
  });

  it('a supplier uploads a CSV file of the same records and reads the same report', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    const path = await files.write('attendances.csv', toCsv(records()));
    await validateFile(page, 'emergency-care-attendance@2.0.0', path);
    await readReport(page, 'CSV');
    expect(await page.getByRole('main').innerText()).toContain('attendances.csv');
    await checkPage(page, 'report-csv');
  });
});
