/** Everything works with JavaScript off: browsing, signing in, uploading a file (multipart form) and the report. */
import { expect, it } from 'vitest';
import {
  checkAccessibility,
  checkPage,
  describeBrowser,
  h1,
  readReport,
  records,
  signIn,
  signOut,
  summaryValue,
  toCsv,
  useTempDir,
  validateFile,
} from './support.js';

describeBrowser('without JavaScript (browser)', (h) => {
  const files = useTempDir();

  it('the accessibility check finds violations with and without JavaScript (a check of the check)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await h.newPage({ javaScriptEnabled });
      await page.setContent(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><img src="x.png"><input type="text"></main></body></html>',
      );
      const failure = await checkAccessibility(page).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(failure, `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`).toMatch(
        /image-alt \(critical\)[\s\S]*label \(critical\)|label \(critical\)[\s\S]*image-alt \(critical\)/,
      );
    }
  });

  it('browses the catalogue, a standard, a version and its changes', async () => {
    const page = await h.newPage({ javaScriptEnabled: false });
    await page.goto('/');
    expect((await page.locator('body').getAttribute('class')) ?? '', 'no script ran (the NHS.UK template marks the body when one does)').not.toContain(
      'js-enabled',
    );
    expect(await h1(page)).toBe('Data standards');
    await page.getByLabel('Search standards', { exact: true }).fill('emergency');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'emergency');
    expect(await page.getByRole('main').getByRole('link', { name: 'Patient demographics' }).count()).toBe(0);
    await checkPage(page, 'nojs-catalogue-search');

    await page.getByRole('link', { name: 'Emergency care attendance', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance');
    expect(await h1(page)).toBe('Emergency care attendance');
    await checkPage(page, 'nojs-standard');

    await page.getByRole('link', { name: '2.0.0', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance/2.0.0');
    expect(await h1(page)).toBe('Emergency care attendance 2.0.0');
    expect(await page.getByRole('table', { name: 'Fields' }).count()).toBe(1);
    const examples = page.locator('details').filter({ has: page.locator('summary', { hasText: /^\s*Examples\s*$/ }) });
    await examples.locator('summary').first().click();
    expect(await examples.getAttribute('open'), 'the details element opens without JavaScript').not.toBeNull();
    expect(await examples.innerText()).toContain('NHS number fails the Modulus 11 check');
    await checkPage(page, 'nojs-version');

    await page.getByLabel('From version', { exact: true }).selectOption('1.0.0');
    await page.getByLabel('To version', { exact: true }).selectOption('2.0.0');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/changes'));
    expect(await h1(page)).toBe('Changes from 1.0.0 to 2.0.0');
    expect(await page.getByRole('main').innerText()).toContain('Breaking');
    await checkPage(page, 'nojs-changes');
  });

  it('signs in, uploads a CSV file as a plain form and reads the report, then signs out', async () => {
    const page = await h.newPage({ javaScriptEnabled: false });
    await page.goto('/sign-in');
    await page.getByLabel('Token', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'nojs-sign-in-error');

    await signIn(page, h.app.tokens.supplier);
    await checkPage(page, 'nojs-validate');
    const path = await files.write('no-js.csv', toCsv(records()));
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/validate');
    await validateFile(page, 'emergency-care-attendance@2.0.0', path);
    expect((await posted).headers()['content-type'], 'the form posts the file itself').toMatch(/^multipart\/form-data/);
    // The POST is answered with a 303 to the stored report's own address.
    await page.waitForURL((url) => /^\/submissions\/[0-9a-f-]{36}$/.test(url.pathname));
    await readReport(page, 'CSV');
    expect(await summaryValue(page, 'File')).toBe('no-js.csv');
    await checkPage(page, 'nojs-report');

    await page.goto('/quality');
    await page.getByLabel('Standard', { exact: true }).selectOption({ label: 'Emergency care attendance' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/quality' && url.search.includes('emergency-care-attendance'));
    expect(await h1(page)).toMatch(/^Data quality/);
    expect(
      await page
        .getByRole('main')
        .getByRole('img', { name: /^Overall score of 8KR01/ })
        .count(),
    ).toBe(1);
    await checkPage(page, 'nojs-quality');

    await signOut(page);
    expect(await h1(page)).toBe('Data standards');
    await page.goto('/validate');
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });
});
