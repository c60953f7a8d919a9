/**
 * Reflow (WCAG 2.2, 1.4.10): every page fits a 390 px phone, and a 320 px one, without scrolling sideways
 * (wide tables stack their rows or scroll inside their own labelled region), and axe stays clean there.
 * Screenshots of a report and the dashboard at 1280 and 390 px go to test-artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import {
  checkAccessibility,
  checkPageBasics,
  describeBrowser,
  example,
  h1,
  records,
  screenshot,
  signIn,
  toCsv,
  toNdjson,
  useTempDir,
  validateFile,
} from './support.js';

const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 900 };

/** How far the page is wider than the screen, and the elements that stick out (for the message). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const d = globalThis as unknown as {
      document: {
        documentElement: { scrollWidth: number; clientWidth: number };
        querySelectorAll(s: string): Iterable<{ getBoundingClientRect(): { right: number }; tagName: string; className: unknown; id: string }>;
      };
    };
    const width = d.document.documentElement.clientWidth;
    const wide = [...d.document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className)}`);
    return { scrollWidth: d.document.documentElement.scrollWidth, wide };
  });
}

describeBrowser('every page reflows to a phone (browser)', (h) => {
  const files = useTempDir();
  let report = '';
  let trial = '';
  let supplierToken = '';

  beforeAll(async () => {
    // A second supplier, so the dashboard has a ranking, and a report with findings on long field names.
    supplierToken = await h.supplierToken('RWE01', 'e2e reflow supplier');
    const other = await h.newPage();
    await signIn(other, supplierToken);
    await validateFile(other, 'emergency-care-attendance@2.0.0', await files.write('b.ndjson', toNdjson([example('valid', 'unidentified patient')])));
    await other.context().close();
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    const name = 'emergency-care-attendance-export-for-the-reporting-period-2026-27-Q1-from-the-trust-system.csv';
    await validateFile(page, 'emergency-care-attendance@2.0.0', await files.write(name, toCsv(records())));
    await page.waitForURL((url) => url.pathname.startsWith('/submissions/'));
    report = new URL(page.url()).pathname;
    await page.goto('/validate');
    await validateFile(page, 'emergency-care-attendance@2.0.0', await files.write(`trial-${name}`, toCsv(records())), 'trial');
    await page.waitForURL((url) => url.pathname.startsWith('/trials/'));
    trial = new URL(page.url()).pathname;
    await page.context().close();
  }, 90_000);

  const pages = (): [string, string, boolean][] => [
    ['catalogue', '/', false],
    ['sign-in', '/sign-in', false],
    ['standard', '/standards/emergency-care-attendance', false],
    ['version', '/standards/emergency-care-attendance/2.0.0', false],
    ['compare', '/standards/emergency-care-attendance/changes?from=1.0.0&to=2.0.0', false],
    ['changes', '/standards/emergency-care-attendance/changes', false],
    ['validate', '/validate', true],
    ['report', report, true],
    ['trial report', trial, true],
    ['submissions', '/submissions', true],
    ['quality', '/quality?standard=emergency-care-attendance', true],
    ['code list', '/code-lists/ethnic-category/1.0.1', false],
    ['code-list comparison', '/code-lists/ethnic-category/compare?from=1.0.0&to=1.0.1', false],
    ['batch-file version', '/standards/immunisation-batch/5.0.0', false],
    ['column mappings', '/column-mappings', true],
  ];

  for (const viewport of [PHONE, NARROW]) {
    it(`at ${viewport.width} px no page scrolls sideways, and axe is clean`, async () => {
      const signedOut = await h.newPage({ viewport });
      const signedIn = await h.newPage({ viewport });
      await signIn(signedIn, h.app.tokens.author);
      const supplier = await h.newPage({ viewport });
      await signIn(supplier, h.app.tokens.supplier);
      for (const [name, path, needsSession] of pages()) {
        // The reports and the column mappings are the supplier's; the other signed-in pages are read as an author (who sees the ranking).
        const page = !needsSession ? signedOut : ['report', 'trial report', 'column mappings'].includes(name) ? supplier : signedIn;
        const response = await page.goto(path);
        expect(response?.status(), `${name} (${path}) answers`).toBe(200);
        const { scrollWidth, wide } = await overflow(page);
        expect(scrollWidth, `${name} (${path}) is ${scrollWidth} px wide at ${viewport.width} px; sticking out: ${wide.join(', ')}`).toBeLessThanOrEqual(
          viewport.width,
        );
        await checkPageBasics(page);
        await checkAccessibility(page);
      }
    });
  }

  it('a wide table that keeps its columns scrolls in its own focusable, named region with a visible hint', async () => {
    const page = await h.newPage({ viewport: PHONE });
    await signIn(page, h.app.tokens.supplier);
    await page.goto('/quality?standard=emergency-care-attendance');
    const region = page.getByRole('region', { name: /Submissions of 8KR01/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(
      await region.evaluate(
        (e) => (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (e as unknown as { clientWidth: number }).clientWidth,
      ),
    ).toBe(true);
    expect(await page.getByText('Scroll the table sideways to see every column.').isVisible()).toBe(true);
    await page.setViewportSize(DESKTOP);
    expect(await page.getByText('Scroll the table sideways to see every column.').isVisible()).toBe(false);
  });

  it("the field dictionary's descriptions are on screen at 390 px", async () => {
    const page = await h.newPage({ viewport: PHONE });
    await page.goto('/standards/emergency-care-attendance/2.0.0');
    const description = page
      .getByRole('table', { name: 'Fields' })
      .getByRole('cell')
      .filter({ hasText: /^Description/ })
      .first();
    const box = (await description.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect((await description.innerText()).length).toBeGreaterThan('Description'.length + 10);
  });

  it('screenshots of the report and the dashboard at 1280 and 390 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const supplier = await h.newPage({ viewport });
      await signIn(supplier, h.app.tokens.supplier);
      await supplier.goto(report);
      expect(await h1(supplier)).toBe('Validation report');
      await screenshot(supplier, `report-${viewport.width}`);
      const author = await h.newPage({ viewport });
      await signIn(author, h.app.tokens.author);
      await author.goto('/quality?standard=emergency-care-attendance');
      expect(await h1(author)).toMatch(/^Data quality of /);
      await screenshot(author, `dashboard-${viewport.width}`);
    }
  });
});
