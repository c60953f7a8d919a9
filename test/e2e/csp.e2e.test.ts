/**
 * The pages under their Content-Security-Policy, enforced (the other browser tests bypass it to inject axe):
 * every page a person visits, the JavaScript upload (which writes the report into the page) and signing out
 * run without a single violation, and the NHS.UK frontend's scripts still run (they mark the body).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, h1, readReport, records, signIn, signOut, toNdjson, useTempDir, validateFile } from './support.js';

/** Collects CSP violations: from the console (Chromium reports each there) and from the page's events. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __violations: string[]; document: { addEventListener(t: string, f: (e: unknown) => void): void } };
    w.__violations = [];
    w.document.addEventListener('securitypolicyviolation', (event) => {
      const e = event as { violatedDirective: string; blockedURI: string };
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [...seen, ...(await page.evaluate(() => (globalThis as unknown as { __violations?: string[] }).__violations ?? []))];
}

describeBrowser('the Content-Security-Policy in force (browser)', (h) => {
  const files = useTempDir();

  it('a supplier browses, signs in, uploads with JavaScript, reads the report and signs out without a violation', async () => {
    const page = await h.newPage({ bypassCSP: false });
    const violations = await watchViolations(page);
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await h1(page)).toBe('Data standards');
    const body = (await page.locator('body').getAttribute('class')) ?? '';
    expect(body, 'the NHS.UK marker script ran from its file').toContain('js-enabled');
    expect(body).toContain('nhsuk-frontend-supported');

    await page.getByRole('link', { name: 'Emergency care attendance', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance');
    await page.getByRole('link', { name: '2.0.0', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance/2.0.0');
    expect(await violations(), 'catalogue, standard and version pages').toEqual([]);

    await signIn(page, h.app.tokens.supplier);
    expect(await violations(), 'sign-in and validate pages').toEqual([]);
    const path = await files.write('six.ndjson', toNdjson(records()));
    await validateFile(page, 'emergency-care-attendance@2.0.0', path);
    await readReport(page, 'NDJSON');
    expect(await violations(), 'the JavaScript upload and its report').toEqual([]);

    await page.goto('/quality?standard=emergency-care-attendance');
    expect(await h1(page)).toMatch(/^Data quality/);
    expect(await page.getByRole('main').getByRole('img').count(), 'the charts are drawn').toBeGreaterThan(0);
    expect(await violations(), 'the quality page and its charts').toEqual([]);
    await signOut(page);
    expect(await violations(), 'signing out').toEqual([]);
  });

  it('the check sees a violation (a check of the check)', async () => {
    const page = await h.newPage({ bypassCSP: false });
    const violations = await watchViolations(page);
    await page.goto('/');
    await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { createElement(t: string): { textContent: string }; body: { append(n: unknown): void } } }).document;
      const script = d.createElement('script');
      script.textContent = 'void 0';
      d.body.append(script);
    });
    await expect.poll(violations).not.toEqual([]);
    expect((await violations()).join('\n')).toMatch(/script-src/);
  });
});
