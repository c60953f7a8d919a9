/** The data-quality dashboard: two suppliers submit; each sees only its own organisation; an author sees both. */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { checkPage, describeBrowser, example, h1, signIn, toNdjson, useTempDir, validateFile } from './support.js';

const ORG_A = '8KR01'; // the test app's supplier token
const ORG_B = 'RWE01';

/** Picks the standard and presses "Show", as a person would. */
async function show(page: Page, standardTitle: string): Promise<void> {
  await page.goto('/quality');
  expect(await h1(page)).toMatch(/^Data quality/);
  await page.getByLabel('Standard', { exact: true }).selectOption({ label: standardTitle });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/quality' && url.search.includes('emergency-care-attendance'));
  expect(await h1(page)).toMatch(/^Data quality/);
}

/** What the page shows of one supplier: its chart's label and the rows of its table. */
async function supplierFigures(page: Page, organisation: string) {
  const main = page.getByRole('main');
  const charts = await main.getByRole('img', { name: new RegExp(organisation) }).evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? ''));
  const table = main.getByRole('table', { name: `Submissions of ${organisation}` });
  const rows = await table
    .locator('tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim())),
    );
  return { charts, tables: await table.count(), rows };
}

describeBrowser('data quality dashboard (browser)', (h) => {
  const files = useTempDir();
  let supplierB = '';

  beforeAll(async () => {
    supplierB = await h.supplierToken(ORG_B, 'e2e supplier B');
    const good = [example('valid', 'emergency ambulance arrival'), example('valid', 'unidentified patient'), example('valid', 'no fixed abode')];
    const poor = [
      example('valid', 'emergency ambulance arrival'),
      { ...example('invalid', 'arrival mode missing'), attendanceId: 'X1' },
      { ...example('invalid', 'provider ODS code in lower case'), attendanceId: 'X2' },
    ];
    // Each supplier signs in and submits through the pages.
    for (const [token, name, recs] of [
      [h.app.tokens.supplier, 'a.ndjson', good],
      [supplierB, 'b.ndjson', poor],
    ] as const) {
      const page = await h.newPage();
      await signIn(page, token);
      await validateFile(page, 'emergency-care-attendance@2.0.0', await files.write(name, toNdjson([...recs])));
      await page.context().close();
    }
  }, 60_000);

  const figuresAgree = (f: Awaited<ReturnType<typeof supplierFigures>>, organisation: string) => {
    const overallCharts = f.charts.filter((label) => label.startsWith(`Overall score of ${organisation}`));
    expect(overallCharts, `one overall chart for ${organisation} (${f.charts.join('; ')})`).toHaveLength(1);
    expect(f.tables, `one table for ${organisation}`).toBe(1);
    const header = f.rows[0]!;
    const body = f.rows.slice(1);
    expect(body, `one submission of ${organisation}`).toHaveLength(1);
    const overall = body[0]![header.indexOf('Overall')];
    expect(overall, 'an overall score in the table').toMatch(/^\d{1,3}(\.\d)?$/);
    expect(overallCharts[0], 'the chart shows the figure in the table').toContain(overall);
    expect(body[0]![header.indexOf('Records')]).toBe('3');
    return Number(overall);
  };

  it(`a supplier (${ORG_A}) sees only its own organisation`, async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.supplier);
    await show(page, 'Emergency care attendance');
    const own = await supplierFigures(page, ORG_A);
    const overall = figuresAgree(own, ORG_A);
    expect(overall, 'three valid records score well').toBeGreaterThan(50);
    const other = await supplierFigures(page, ORG_B);
    expect(other.charts).toEqual([]);
    expect(other.tables).toBe(0);
    expect(await page.getByRole('main').innerText()).not.toContain(ORG_B);
    await checkPage(page, 'quality-supplier-a');
  });

  it(`the other supplier (${ORG_B}) sees only its own organisation`, async () => {
    const page = await h.newPage();
    await signIn(page, supplierB);
    await show(page, 'Emergency care attendance');
    figuresAgree(await supplierFigures(page, ORG_B), ORG_B);
    expect(await page.getByRole('main').innerText()).not.toContain(ORG_A);
    await checkPage(page, 'quality-supplier-b');
  });

  it('an author sees both suppliers ranked, the better one first, and each on its own page', async () => {
    const page = await h.newPage();
    await signIn(page, h.app.tokens.author);
    await show(page, 'Emergency care attendance');
    const ranking = page.getByRole('table', { name: 'Suppliers ranked by latest overall score' });
    const ranked = await ranking.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[1]?.textContent ?? '').trim()));
    expect(ranked, 'ranked by the latest score').toEqual([expect.stringContaining(ORG_A), expect.stringContaining(ORG_B)]);
    const a = figuresAgree(await supplierFigures(page, ORG_A), ORG_A);
    expect((await supplierFigures(page, ORG_B)).tables, 'one supplier a page').toBe(0);
    await checkPage(page, 'quality-author');
    await ranking.getByRole('link', { name: ORG_B }).click();
    await page.waitForURL((url) => url.searchParams.get('supplier') === ORG_B);
    expect(await h1(page)).toBe(`Data quality of ${ORG_B}`);
    const b = figuresAgree(await supplierFigures(page, ORG_B), ORG_B);
    expect(a).toBeGreaterThan(b);
  });

  it('signed out, /quality leads to the sign-in page', async () => {
    const page = await h.newPage();
    await page.goto('/quality');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await h1(page)).toBe('Sign in');
  });
});
